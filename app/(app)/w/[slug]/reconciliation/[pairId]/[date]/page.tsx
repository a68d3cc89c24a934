import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReconciliationDayView } from "@/components/reconciliation/reconciliation-day-view";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../../load-workspace";

export const metadata: Metadata = { title: "Reconciliation day" };

export default async function ReconciliationDayPage({ params }: { params: Promise<{ slug: string; pairId: string; date: string }> }) {
  const { slug, pairId, date } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="reconciliation" slug={workspace.slug} />;

  // Loaded here so an unknown pair or day (or a malformed date) is a real 404.
  const detail = await (await api()).reconciliation.day({ workspaceSlug: workspace.slug, pairId, date }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

  return (
    <>
      <PageHeader
        title={`${detail.day.date}: ${detail.pair.store.displayName}`}
        description={`Against ${detail.pair.analytics.displayName}, the day counted in ${detail.pair.timeZone}.`}
        actions={
          <Link href={`/w/${workspace.slug}/reconciliation/${detail.pair.id}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All days
          </Link>
        }
      />
      <ReconciliationDayView pairId={detail.pair.id} date={detail.day.date} initialData={detail} />
    </>
  );
}
