import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { CustomerDetailView } from "@/components/customers/customer-detail";
import { PageHeader } from "@/components/shell/page-header";
import { RecordStepper } from "@/components/shell/record-stepper";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";
import { orNotFound } from "../../or-not-found";

type Params = { params: Promise<{ slug: string; customerId: string }> };

// Loaded before anything streams, so an unknown customer (or another workspace's, or a deleted one)
// is a real 404, titled by its not-found.tsx; once for the title and the page.
const loadCustomer = cache(async (slug: string, customerId: string) => orNotFound((await api()).customer.get({ workspaceSlug: slug, customerId })));

function customerTitle(customer: { redacted: boolean; name: string | null; email: string | null }): string {
  return customer.redacted ? "Redacted customer" : (customer.name ?? customer.email ?? "Unnamed customer");
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, customerId } = await params;
  return { title: customerTitle(await loadCustomer(slug, customerId)) };
}

export default async function CustomerPage({ params }: Params) {
  const { slug, customerId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="customers" slug={workspace.slug} />;

  const customer = await loadCustomer(workspace.slug, customerId);

  return (
    <>
      <RecordStepper list="customers" id={customer.id} />
      <PageHeader
        title={customerTitle(customer)}
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
