import { z } from "zod";
import { recordId, searchText } from "@/server/services/orders/schema";
import { pageInput } from "@/server/services/pagination";

export const ACCOUNTING_PAGE_SIZE = 25;

const accountingPage = { ...pageInput, limit: z.number().int().min(1).max(100).default(ACCOUNTING_PAGE_SIZE), search: searchText.optional() };

// An invoice's statuses as FreeAgent documents them (its `status` enum).
export const INVOICE_STATUSES = ["Draft", "Scheduled To Email", "Open", "Zero Value", "Overdue", "Paid", "Overpaid", "Refunded", "Written-off", "Part written-off"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const findInvoicesInput = z.object({ ...accountingPage, status: z.enum(INVOICE_STATUSES).optional() });
export type FindInvoicesInput = z.infer<typeof findInvoicesInput>;

export const findBillsInput = z.object(accountingPage);
export type FindBillsInput = z.infer<typeof findBillsInput>;

// Explained: nothing of the amount is left unexplained; unexplained: some or all of it is.
export const EXPLANATION_FILTERS = ["explained", "unexplained"] as const;
export type ExplanationFilter = (typeof EXPLANATION_FILTERS)[number];

export const findBankTransactionsInput = z.object({
  ...accountingPage,
  explained: z.enum(EXPLANATION_FILTERS).optional(),
  /** BankAccount.id (Meridian's id, not the provider's URL). */
  bankAccountId: recordId.optional(),
});
export type FindBankTransactionsInput = z.infer<typeof findBankTransactionsInput>;

export const findContactsInput = z.object(accountingPage);
export type FindContactsInput = z.infer<typeof findContactsInput>;
