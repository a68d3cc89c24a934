import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ProductDetailView } from "@/components/products/product-detail";
import { PageHeader } from "@/components/shell/page-header";
import { RecordStepper } from "@/components/shell/record-stepper";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";
import { orNotFound } from "../../or-not-found";

type Params = { params: Promise<{ slug: string; productId: string }> };

// Loaded before anything streams, so an unknown product (or another workspace's, or a deleted one)
// is a real 404, titled by its not-found.tsx; once for the title and the page.
const loadProduct = cache(async (slug: string, productId: string) => orNotFound((await api()).product.get({ workspaceSlug: slug, productId })));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, productId } = await params;
  const product = await loadProduct(slug, productId);
  return { title: product.title };
}

export default async function ProductPage({ params }: Params) {
  const { slug, productId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="products" slug={workspace.slug} />;

  const product = await loadProduct(workspace.slug, productId);

  return (
    <>
      <RecordStepper list="products" id={product.id} />
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
