"use client";

import { LinkTabs } from "@/components/ui/link-tabs";
import { useWorkspace } from "@/components/workspace/workspace-context";

export const ACCOUNTING_TABS = [
  { segment: "invoices", label: "Invoices" },
  { segment: "bills", label: "Bills" },
  { segment: "bank-transactions", label: "Bank transactions" },
  { segment: "contacts", label: "Contacts" },
] as const;

// The Accounting page's sections, each its own URL (its filters in its query string).
export function AccountingTabs() {
  const { slug } = useWorkspace();
  return <LinkTabs label="Accounting sections" tabs={ACCOUNTING_TABS.map((tab) => ({ href: `/w/${slug}/accounting/${tab.segment}`, label: tab.label }))} />;
}
