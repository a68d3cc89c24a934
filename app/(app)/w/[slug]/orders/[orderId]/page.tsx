import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderDetailView } from "@/components/orders/order-detail";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ slug: string; orderId: string }> }) {
  const { slug, orderId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="orders" slug={workspace.slug} />;

  // Loaded here so an unknown order (or another workspace's, or a deleted one) is a real 404.
  const order = await (await api()).order.get({ workspaceSlug: workspace.slug, orderId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

  return (
    <>
      <PageHeader
        title={`Order ${order.name}`}
        description={order.connection.displayName}
        actions={
          <Link href={`/w/${workspace.slug}/orders`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All orders
          </Link>
        }
      />
      <OrderDetailView orderId={order.id} initialData={order} />
    </>
  );
}
