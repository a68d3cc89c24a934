import type { Metadata } from "next";
import { PayoutsList } from "@/components/payouts/payouts-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Payouts" };

export default async function PayoutsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Payouts" description="Your stores' payouts, each matched to its deposit in the bank and split into what it is made of." />
      {workspace.permissions["data.read"] ? <PayoutsList /> : <NoAccess action="data.read" what="payouts" slug={workspace.slug} />}
    </>
  );
}
