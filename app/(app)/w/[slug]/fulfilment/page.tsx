import type { Metadata } from "next";
import { ShipmentsList } from "@/components/fulfilment/shipments-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Fulfilment" };

export default async function FulfilmentPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Fulfilment" description="Shipments from your 3PL, the most overdue estimate first." />
      {workspace.permissions["data.read"] ? <ShipmentsList /> : <NoAccess action="data.read" what="shipments" slug={workspace.slug} />}
    </>
  );
}
