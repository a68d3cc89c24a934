"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { LIVE_REFRESH_MS } from "@/components/jobs/job-status";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";

type WorkspaceTimeZone = inferRouterOutputs<AppRouter>["workspace"]["timeZone"];

// Whether the change this page was rendered during is still the one being made. Done, failed or
// superseded by another, the page's figures (or its notice) are out of date.
const stillRecounting = (state: WorkspaceTimeZone | undefined, recountingIn: string) =>
  state === undefined || (state.change !== null && state.change.status !== "FAILED" && state.change.timeZone === recountingIn);

/**
 * The overview's figures stay in the old zone while a change of the workspace's zone counts them
 * again (update-workspace-time-zone.ts): says so, and follows the change (as Settings → General
 * does) until it is over, then renders the page again with the figures as they now are.
 */
export function RecountNotice({ recountingIn, timeZone }: { recountingIn: string; timeZone: string }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const state = useQuery(
    trpc.workspace.timeZone.queryOptions(
      { workspaceSlug: workspace.slug },
      { refetchInterval: (query) => (stillRecounting(query.state.data, recountingIn) ? LIVE_REFRESH_MS : false) },
    ),
  );
  const over = !stillRecounting(state.data, recountingIn);
  useEffect(() => {
    if (over) router.refresh();
  }, [over, router]);

  return (
    <Alert variant="info" title={`Figures are being recounted in ${recountingIn}; until then they are in ${timeZone}.`} data-testid="overview-recount-notice">
      <Link href={`/w/${workspace.slug}/settings/general#time-zone`} className="inline-flex min-h-6 items-center font-medium underline underline-offset-4">
        See the change&apos;s progress in Settings → General
      </Link>
    </Alert>
  );
}
