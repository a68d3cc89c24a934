import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductDetailView } from "@/components/products/product-detail";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ slug: string; productId: string }> }) {
  const { slug, productId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="products" slug={workspace.slug} />;

  const product = await (await api()).product.get({ workspaceSlug: workspace.slug, productId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

  return (
    <>
      <PageHeader
        title={product.title}
        description={product.connection.displayName}
        actions={
          <Link href={`/w/${workspace.slug}/products`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All products
          </Link>
        }
      />
      <ProductDetailView product={product} />
    </>
  );
}
