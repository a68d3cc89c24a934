import type { ReactNode } from "react";
import { AccountingTabs } from "@/components/accounting/accounting-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export default async function AccountingLayout({ params, children }: { params: Promise<{ slug: string }>; children: ReactNode }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Accounting" description="What your accounting system holds: invoices, bills, bank transactions and contacts, as last synced." />
      {workspace.permissions["data.read"] ? (
        <>
          <AccountingTabs />
          {children}
        </>
      ) : (
        <NoAccess action="data.read" what="accounting" slug={workspace.slug} />
      )}
    </>
  );
}
