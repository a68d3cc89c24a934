import type { Metadata } from "next";
import { ReceivingList } from "@/components/receiving/receiving-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Receiving" };

export default async function ReceivingPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Receiving" description="Stock on its way to your 3PL's centres: expected against received." />
      {workspace.permissions["data.read"] ? <ReceivingList /> : <NoAccess action="data.read" what="receiving orders" slug={workspace.slug} />}
    </>
  );
}
