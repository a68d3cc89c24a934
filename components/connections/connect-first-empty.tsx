"use client";

import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

/**
 * A list's empty state while nothing that syncs its records is connected: where to connect it,
 * worded for who may (a member who cannot is told an admin does it).
 */
export function ConnectFirstEmpty({
  testId,
  title,
  system,
  what,
}: {
  testId: string;
  title: string;
  /** What to connect: "a store", "your accounting system". */
  system: string;
  /** Plural, lower case: "invoices". */
  what: string;
}) {
  const { slug } = useWorkspace();
  const canConnect = useCan("connections.manage");
  return (
    <div data-testid={testId}>
      <EmptyState
        title={title}
        description={`${canConnect ? "Connect" : "An admin of this workspace connects"} ${system} on the Connections page; its ${what} appear here after the first sync.`}
        action={
          <Link href={`/w/${slug}/connections`} className={buttonVariants({ size: "sm" })}>
            Go to Connections
          </Link>
        }
      />
    </div>
  );
}
