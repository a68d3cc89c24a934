import { urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
import { EXPLANATION_FILTERS, INVOICE_STATUSES, type ExplanationFilter, type InvoiceStatus } from "@/server/services/accounting/schema";

// Each Accounting tab's filters and their names in the URL (?q=, ?status=, ?show=, ?account=).
type Params = Pick<URLSearchParams, "get">;

export type SearchFilters = { search?: string };
export const SEARCH_PARAM: Record<keyof SearchFilters, string> = { search: "q" };
export function readSearchFilters(params: Params): UrlFilters<SearchFilters> {
  const read = urlFilterReader(params);
  return read.result({ search: read.text(SEARCH_PARAM.search, "Search") });
}

export type InvoiceFilters = { status?: InvoiceStatus; search?: string };
export const INVOICE_PARAM: Record<keyof InvoiceFilters, string> = { status: "status", search: "q" };
export function readInvoiceFilters(params: Params): UrlFilters<InvoiceFilters> {
  const read = urlFilterReader(params);
  return read.result({ status: read.oneOf(INVOICE_PARAM.status, "status", INVOICE_STATUSES), search: read.text(INVOICE_PARAM.search, "Search") });
}
export const INVOICE_STATUS_OPTIONS = INVOICE_STATUSES.map((status) => ({ value: status, label: status }));

export type BankTransactionFilters = { explained?: ExplanationFilter; bankAccountId?: string; search?: string };
export const BANK_TRANSACTION_PARAM: Record<keyof BankTransactionFilters, string> = { explained: "show", bankAccountId: "account", search: "q" };
export function readBankTransactionFilters(params: Params): UrlFilters<BankTransactionFilters> {
  const read = urlFilterReader(params);
  return read.result({
    explained: read.oneOf(BANK_TRANSACTION_PARAM.explained, "explanation filter", EXPLANATION_FILTERS),
    bankAccountId: read.text(BANK_TRANSACTION_PARAM.bankAccountId, "Bank account", 64),
    search: read.text(BANK_TRANSACTION_PARAM.search, "Search"),
  });
}
export const EXPLAINED_OPTIONS: { value: ExplanationFilter; label: string }[] = [
  { value: "unexplained", label: "Unexplained" },
  { value: "explained", label: "Explained" },
];
