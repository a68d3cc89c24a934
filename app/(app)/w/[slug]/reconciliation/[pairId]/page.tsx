import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReconciliationPairView } from "@/components/reconciliation/reconciliation-pair-view";
import { RecomputeButton } from "@/components/reconciliation/recompute-button";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Reconciliation" };

export default async function ReconciliationPairPage({ params }: { params: Promise<{ slug: string; pairId: string }> }) {
  const { slug, pairId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="reconciliation" slug={workspace.slug} />;

  // Loaded here so an unknown pair (or another workspace's) is a real 404.
  const pair = await (await api()).reconciliation.pair({ workspaceSlug: workspace.slug, pairId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

  return (
    <>
      <PageHeader
        title={`${pair.store.displayName} ↔ ${pair.analytics.displayName}`}
        description="Each day's store orders against the purchases analytics recorded, in the property's time zone."
        actions={
          <>
            <RecomputeButton pairId={pair.id} />
            <Link href={`/w/${workspace.slug}/reconciliation`} className={buttonVariants({ variant: "outline", size: "sm" })}>
              All reconciliations
            </Link>
          </>
        }
      />
      <ReconciliationPairView pairId={pair.id} initialData={pair} />
    </>
  );
}
