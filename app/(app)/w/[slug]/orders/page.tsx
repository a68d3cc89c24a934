import type { Metadata } from "next";
import { OrdersList } from "@/components/orders/orders-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Orders" description="Orders synced from your stores, newest first." />
      {workspace.permissions["data.read"] ? <OrdersList /> : <NoAccess action="data.read" what="orders" slug={workspace.slug} />}
    </>
  );
}
