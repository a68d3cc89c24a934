import type { Metadata } from "next";
import { ReconciliationSettings } from "@/components/reconciliation/reconciliation-settings";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Analytics reconciliation" };

export default async function ReconciliationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);
  return (
    <>
      <PageHeader title="Analytics reconciliation" description="When a day's match rate counts as too low, and how far a value may differ before it is a mismatch." />
      {workspace.permissions["connections.manage"] ? <ReconciliationSettings /> : <NoAccess action="connections.manage" what="reconciliation settings" slug={workspace.slug} />}
    </>
  );
}
