import type { Metadata } from "next";
import { InvoicesList } from "@/components/accounting/invoices-list";

export const metadata: Metadata = { title: "Invoices · Accounting" };

export default function InvoicesPage() {
  return <InvoicesList />;
}
