// Records as FreeAgent v2 answers them: identity and references are URLs under the API's base,
// decimals are JSON strings, dates YYYY-MM-DD, timestamps ISO UTC (CONTRACT-NOTES.md).
import { CATEGORIES, type AccountingTransactionRecord, type BankAccountRecord, type BankTransactionRecord, type BillRecord, type CategoryRecord, type ContactRecord, type ExplanationRecord, type InvoiceRecord, type LineItem } from "./generate";
import type { DEMO_USERS } from "./config";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Pence as FreeAgent writes a decimal: at least one decimal place, trailing zeros dropped
 * ("-730.0", "12.5", "12.34"), as its example `"amount":"-730.0"` shows.
 */
export function decimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const fraction = String(abs % 100).padStart(2, "0").replace(/0$/, "");
  return `${sign}${Math.floor(abs / 100)}.${fraction}`;
}

const VAT_RATE = 20;
const lineNetCents = (items: LineItem[]) => items.reduce((n, item) => n + item.quantity * item.priceCents, 0);
const vatOf = (net: number) => Math.round((net * VAT_RATE) / 100);

export const categoryUrl = (base: string, code: string) => `${base}/categories/${code}`;

export function companyView(base: string, epoch: number) {
  return {
    url: `${base}/company`,
    id: 1,
    name: "Demo Brand Ltd",
    subdomain: "demo-brand",
    type: "UkLimitedCompany",
    currency: "GBP",
    mileage_units: "miles",
    company_start_date: "2021-04-01",
    first_accounting_year_end: "2022-03-31",
    sales_tax_registration_status: "Registered",
    sales_tax_registration_number: "GB123456789",
    company_registration_number: "12345678",
    created_at: iso(Date.UTC(2021, 3, 1, 9)),
    updated_at: iso(epoch - 30 * 86_400_000),
  };
}

export function userView(base: string, user: (typeof DEMO_USERS)[number], epoch: number) {
  return {
    url: `${base}/users/${user.id}`,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    role: user.role,
    permission_level: user.permission_level,
    opening_mileage: "0.0",
    hidden: false,
    created_at: iso(Date.UTC(2021, 3, 1, 9) + user.id * 86_400_000),
    updated_at: iso(epoch - 60 * 86_400_000),
  };
}

export function contactView(base: string, c: ContactRecord) {
  return {
    url: `${base}/contacts/${c.id}`,
    ...(c.organisationName ? { organisation_name: c.organisationName } : {}),
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.email,
    town: c.town,
    postcode: c.postcode,
    country: "United Kingdom",
    contact_name_on_invoices: true,
    charge_sales_tax: "Auto",
    status: "Active",
    default_payment_terms_in_days: 30,
    locale: "en",
    active_projects_count: 0,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export function categoryView(base: string, c: CategoryRecord) {
  return { url: categoryUrl(base, c.nominalCode), description: c.description, nominal_code: c.nominalCode, allowable_for_tax: c.allowableForTax, tax_reporting_name: c.description, auto_sales_tax_rate: c.group === "general" ? "Outside of the scope of VAT" : "Standard rate" };
}

/** `GET /v2/categories`: the four groups, each a list [U for the group keys]. */
export function categoriesView(base: string) {
  const group = (name: CategoryRecord["group"]) => CATEGORIES.filter((c) => c.group === name).map((c) => categoryView(base, c));
  return { admin_expenses_categories: group("admin_expenses"), cost_of_sales_categories: group("cost_of_sales"), income_categories: group("income"), general_categories: group("general") };
}

export function bankAccountView(base: string, a: BankAccountRecord, balanceCents: number, latestActivity: string | null, epoch: number) {
  return {
    url: `${base}/bank_accounts/${a.id}`,
    type: a.type,
    name: a.name,
    currency: "GBP",
    is_personal: false,
    is_primary: a.isPrimary,
    status: "active",
    bank_name: a.bankName,
    opening_balance: decimal(a.openingCents),
    current_balance: decimal(balanceCents),
    latest_activity_date: latestActivity,
    account_number: a.accountNumber,
    ...(a.sortCode ? { sort_code: a.sortCode } : {}),
    bank_guess_enabled: true,
    created_at: iso(Date.UTC(2021, 3, 1, 9)),
    updated_at: iso(epoch - 86_400_000),
  };
}


// An explanation's type follows its own sign, as `is_money_in` does: a fee explained on a deposit
// is a payment out of it.
export function explanationView(base: string, e: ExplanationRecord) {
  return {
    url: `${base}/bank_transaction_explanations/${e.id}`,
    bank_account: `${base}/bank_accounts/${e.bankAccountId}`,
    bank_transaction: `${base}/bank_transactions/${e.bankTransactionId}`,
    type: e.grossCents >= 0 ? "Money Received" : "Payment",
    dated_on: e.datedOn,
    description: e.description,
    gross_value: decimal(e.grossCents),
    category: categoryUrl(base, e.categoryCode),
    sales_tax_status: "OUT_OF_SCOPE",
    marked_for_review: false,
    is_money_in: e.grossCents >= 0,
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt),
  };
}

export function bankTransactionView(base: string, tx: BankTransactionRecord, explanations: ExplanationRecord[]) {
  const explained = explanations.reduce((n, e) => n + e.grossCents, 0);
  return {
    url: `${base}/bank_transactions/${tx.id}`,
    amount: decimal(tx.amountCents),
    bank_account: `${base}/bank_accounts/${tx.bankAccountId}`,
    dated_on: tx.datedOn,
    description: tx.description,
    full_description: `${tx.description}/${tx.datedOn}`,
    uploaded_at: iso(tx.createdAt),
    unexplained_amount: decimal(tx.amountCents - explained),
    is_manual: tx.isManual,
    transaction_id: tx.isManual ? null : `fit-${tx.id}`,
    matching_transactions_count: 0,
    created_at: iso(tx.createdAt),
    updated_at: iso(tx.updatedAt),
    bank_transaction_explanations: explanations.map((e) => explanationView(base, e)),
  };
}

function itemView(base: string, parent: string, item: LineItem, position: number) {
  return {
    url: `${parent}/items/${position}`,
    position,
    description: item.description,
    item_type: item.itemType,
    quantity: `${item.quantity}.0`,
    price: decimal(item.priceCents),
    category: categoryUrl(base, item.categoryCode),
    sales_tax_rate: `${VAT_RATE}.0`,
  };
}

export function invoiceView(base: string, inv: InvoiceRecord, epoch: number) {
  const url = `${base}/invoices/${inv.id}`;
  const net = lineNetCents(inv.items);
  const total = net + vatOf(net);
  const paid = inv.status === "Paid" ? total : 0;
  const daysOverdue = Math.floor((epoch - Date.parse(`${inv.dueOn}T00:00:00Z`)) / 86_400_000);
  const longStatus = inv.status === "Overdue" ? `Overdue – ${daysOverdue} days` : inv.status === "Open" ? `Open – due on ${inv.dueOn}` : inv.status;
  return {
    url,
    contact: `${base}/contacts/${inv.contactId}`,
    reference: inv.reference,
    dated_on: inv.datedOn,
    due_on: inv.dueOn,
    payment_terms_in_days: 30,
    status: inv.status,
    long_status: longStatus,
    currency: "GBP",
    exchange_rate: "1.0",
    net_value: decimal(net),
    sales_tax_value: decimal(vatOf(net)),
    total_value: decimal(total),
    paid_value: decimal(paid),
    due_value: decimal(total - paid),
    involves_sales_tax: true,
    created_at: iso(inv.createdAt),
    updated_at: iso(inv.updatedAt),
    invoice_items: inv.items.map((item, n) => itemView(base, url, item, n + 1)),
  };
}

/** A bill, with `bill_items` [U: newer API versions carry line items]. */
export function billView(base: string, bill: BillRecord) {
  const url = `${base}/bills/${bill.id}`;
  const net = lineNetCents(bill.items);
  const total = net + vatOf(net);
  return {
    url,
    contact: `${base}/contacts/${bill.contactId}`,
    reference: bill.reference,
    dated_on: bill.datedOn,
    due_on: bill.dueOn,
    ...(bill.status === "Paid" ? { paid_on: bill.dueOn } : {}),
    status: bill.status,
    long_status: bill.status,
    currency: "GBP",
    exchange_rate: "1.0",
    category: categoryUrl(base, bill.categoryCode),
    total_value: decimal(total),
    sales_tax_rate: `${VAT_RATE}.0`,
    sales_tax_value: decimal(vatOf(net)),
    recurring: false,
    created_at: iso(bill.createdAt),
    updated_at: iso(bill.updatedAt),
    bill_items: bill.items.map((item, n) => itemView(base, url, item, n + 1)),
  };
}

export function accountingTransactionView(base: string, t: AccountingTransactionRecord) {
  const category = CATEGORIES.find((c) => c.nominalCode === t.categoryCode)!;
  return {
    url: `${base}/accounting/transactions/${t.id}`,
    dated_on: t.datedOn,
    description: t.description,
    category: categoryUrl(base, t.categoryCode),
    category_name: category.description,
    nominal_code: t.categoryCode,
    debit_value: decimal(t.debitCents),
    source_item_url: `${base}/${t.source}`,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
  };
}
