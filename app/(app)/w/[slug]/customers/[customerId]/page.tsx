import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerDetailView } from "@/components/customers/customer-detail";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ slug: string; customerId: string }> }) {
  const { slug, customerId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="customers" slug={workspace.slug} />;

  const customer = await (await api()).customer.get({ workspaceSlug: workspace.slug, customerId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

  return (
    <>
      <PageHeader
        title={customer.redacted ? "Redacted customer" : (customer.name ?? customer.email ?? "Unnamed customer")}
        description={customer.connection.displayName}
        actions={
          <Link href={`/w/${workspace.slug}/customers`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All customers
          </Link>
        }
      />
      <CustomerDetailView customer={customer} />
    </>
  );
}
