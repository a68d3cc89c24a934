import { enumParam, textParam, withoutEmpty } from "@/components/ui/url-filters";
import { EXPLANATION_FILTERS, INVOICE_STATUSES, type ExplanationFilter, type InvoiceStatus } from "@/server/services/accounting/schema";

// Each Accounting tab's filters and their names in the URL (?q=, ?status=, ?show=, ?account=).
type Params = Pick<URLSearchParams, "get">;

export type SearchFilters = { search?: string };
export const SEARCH_PARAM: Record<keyof SearchFilters, string> = { search: "q" };
export function parseSearchFilters(params: Params): SearchFilters {
  return withoutEmpty({ search: textParam(params, SEARCH_PARAM.search) });
}

export type InvoiceFilters = { status?: InvoiceStatus; search?: string };
export const INVOICE_PARAM: Record<keyof InvoiceFilters, string> = { status: "status", search: "q" };
export function parseInvoiceFilters(params: Params): InvoiceFilters {
  return withoutEmpty({ status: enumParam(params, INVOICE_PARAM.status, INVOICE_STATUSES), search: textParam(params, INVOICE_PARAM.search) });
}
export const INVOICE_STATUS_OPTIONS = INVOICE_STATUSES.map((status) => ({ value: status, label: status }));

export type BankTransactionFilters = { explained?: ExplanationFilter; bankAccountId?: string; search?: string };
export const BANK_TRANSACTION_PARAM: Record<keyof BankTransactionFilters, string> = { explained: "show", bankAccountId: "account", search: "q" };
export function parseBankTransactionFilters(params: Params): BankTransactionFilters {
  return withoutEmpty({
    explained: enumParam(params, BANK_TRANSACTION_PARAM.explained, EXPLANATION_FILTERS),
    bankAccountId: textParam(params, BANK_TRANSACTION_PARAM.bankAccountId, 64),
    search: textParam(params, BANK_TRANSACTION_PARAM.search),
  });
}
export const EXPLAINED_OPTIONS: { value: ExplanationFilter; label: string }[] = [
  { value: "unexplained", label: "Unexplained" },
  { value: "explained", label: "Explained" },
];
