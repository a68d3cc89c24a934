import type { Metadata } from "next";
import { BankTransactionsList } from "@/components/accounting/bank-transactions-list";

export const metadata: Metadata = { title: "Bank transactions · Accounting" };

export default function BankTransactionsPage() {
  return <BankTransactionsList />;
}
