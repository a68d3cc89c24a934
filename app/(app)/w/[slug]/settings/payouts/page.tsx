import type { Metadata } from "next";
import { PayoutSetupSettings } from "@/components/payouts/payout-setup-settings";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Payout reconciliation" };

export default async function PayoutReconciliationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Payout reconciliation" description="Where your stores' payouts land in the bank, and how Meridian explains them in your accounting system." />
      {workspace.permissions["connections.manage"] ? <PayoutSetupSettings /> : <NoAccess action="connections.manage" what="payout reconciliation settings" slug={workspace.slug} />}
    </>
  );
}
