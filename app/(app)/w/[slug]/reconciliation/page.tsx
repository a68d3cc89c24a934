import type { Metadata } from "next";
import { ReconciliationPairs } from "@/components/reconciliation/reconciliation-pairs";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Reconciliation" };

export default async function ReconciliationPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);
  return (
    <>
      <PageHeader title="Reconciliation" description="Does analytics see every purchase your stores take? Each day's orders checked against your GA4 property, with the ones it missed." />
      {workspace.permissions["data.read"] ? <ReconciliationPairs /> : <NoAccess action="data.read" what="reconciliation" slug={workspace.slug} />}
    </>
  );
}
