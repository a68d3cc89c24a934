import type { Metadata } from "next";
import { InventoryModes } from "@/components/inventory/inventory-modes";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Inventory" description="Stock by location, or by SKU across the store and fulfilment centres." />
      {workspace.permissions["data.read"] ? <InventoryModes /> : <NoAccess action="data.read" what="inventory" slug={workspace.slug} />}
    </>
  );
}
