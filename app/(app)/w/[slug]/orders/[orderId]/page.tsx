import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { OrderDetailView } from "@/components/orders/order-detail";
import { PageHeader } from "@/components/shell/page-header";
import { RecordStepper } from "@/components/shell/record-stepper";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";
import { orNotFound } from "../../or-not-found";

type Params = { params: Promise<{ slug: string; orderId: string }> };

// Loaded before anything streams, so an unknown order (or another workspace's, or a deleted one)
// is a real 404, titled by orders/[orderId]/not-found.tsx; once for the title and the page.
const loadOrder = cache(async (slug: string, orderId: string) => orNotFound((await api()).order.get({ workspaceSlug: slug, orderId })));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, orderId } = await params;
  return { title: `Order ${(await loadOrder(slug, orderId)).name}` };
}

export default async function OrderPage({ params }: Params) {
  const { slug, orderId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="orders" slug={workspace.slug} />;
  const order = await loadOrder(workspace.slug, orderId);

  return (
    <>
      <RecordStepper list="orders" id={order.id} />
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
