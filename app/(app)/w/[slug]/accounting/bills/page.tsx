import type { Metadata } from "next";
import { BillsList } from "@/components/accounting/bills-list";

export const metadata: Metadata = { title: "Bills · Accounting" };

export default function BillsPage() {
  return <BillsList />;
}
