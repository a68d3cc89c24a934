import type { Metadata } from "next";
import { ProductsList } from "@/components/products/products-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Products" description="Products and their variants synced from your stores." />
      {workspace.permissions["data.read"] ? <ProductsList /> : <NoAccess action="data.read" what="products" slug={workspace.slug} />}
    </>
  );
}
