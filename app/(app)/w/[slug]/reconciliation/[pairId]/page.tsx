import type { Metadata } from "next";
import Link from "next/link";
import { PairTabs } from "@/components/reconciliation/pair-tabs";
import { ReconciliationPairView } from "@/components/reconciliation/reconciliation-pair-view";
import { RecomputeButton } from "@/components/reconciliation/recompute-button";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../../load-workspace";
import { loadPair } from "./load-pair";

type Params = { params: Promise<{ slug: string; pairId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, pairId } = await params;
  const pair = await loadPair(slug, pairId);
  return { title: `${pair.store.displayName} ↔ ${pair.analytics.displayName}` };
}

export default async function ReconciliationPairPage({ params }: Params) {
  const { slug, pairId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="reconciliation" slug={workspace.slug} />;
  const pair = await loadPair(workspace.slug, pairId);

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
      <PairTabs pairId={pair.id} />
      <ReconciliationPairView pairId={pair.id} initialData={pair} />
    </>
  );
}
