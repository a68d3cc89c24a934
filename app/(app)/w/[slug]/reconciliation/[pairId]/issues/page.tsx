import type { Metadata } from "next";
import Link from "next/link";
import { PairIssuesView } from "@/components/reconciliation/pair-issues-view";
import { PairTabs } from "@/components/reconciliation/pair-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../../../load-workspace";
import { loadPair } from "../load-pair";

type Params = { params: Promise<{ slug: string; pairId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, pairId } = await params;
  const pair = await loadPair(slug, pairId);
  return { title: `Issues: ${pair.store.displayName} ↔ ${pair.analytics.displayName}` };
}

export default async function ReconciliationPairIssuesPage({ params }: Params) {
  const { slug, pairId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="reconciliation" slug={workspace.slug} />;
  const pair = await loadPair(workspace.slug, pairId);

  return (
    <>
      <PageHeader
        title={`${pair.store.displayName} ↔ ${pair.analytics.displayName}`}
        description="The orders and transactions behind the days' figures, across the days you choose, in the property's time zone."
        actions={
          <Link href={`/w/${workspace.slug}/reconciliation`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All reconciliations
          </Link>
        }
      />
      <PairTabs pairId={pair.id} />
      <PairIssuesView pairId={pair.id} />
    </>
  );
}
