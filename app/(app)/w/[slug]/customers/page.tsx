import type { Metadata } from "next";
import { CustomersList } from "@/components/customers/customers-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Customers" description="Customers synced from your stores, newest first." />
      {workspace.permissions["data.read"] ? <CustomersList /> : <NoAccess action="data.read" what="customers" slug={workspace.slug} />}
    </>
  );
}
