import type {
  AccountingCategoryRecord,
  AccountingCompanyRecord,
  AccountingContactRecord,
  AccountingLineItemRecord,
  AccountingUserRecord,
  BankAccountRecord,
  BankTransactionExplanationRecord,
  BankTransactionRecord,
  BillRecord,
  InvoiceRecord,
  LedgerTransactionRecord,
} from "../_core/records";
import { CATEGORY_GROUPS, type BankAccount, type BankTransaction, type Bill, type Category, type Company, type Contact, type Explanation, type Invoice, type LedgerTransaction, type LineItem, type User } from "./payloads";

// FreeAgent's objects → the normalized records. Identities and references are FreeAgent's URLs,
// decimals the strings FreeAgent wrote ("-730.0" stays "-730.0": numeric columns compare it
// equal to -730.00, and nothing here goes through a float).

/**
 * Categories carry no change time: every copy gets this one, so a re-read copy is compared by
 * content (identical: nothing written) and a changed one wins by when it was seen.
 */
export const CATEGORY_UNDATED = "1970-01-01T00:00:00.000Z";

const iso = (timestamp: string) => new Date(timestamp).toISOString();
const isoOrNull = (timestamp: string | null | undefined) => (timestamp ? iso(timestamp) : null);

export function companyRecord(c: Company, observedAt: string): AccountingCompanyRecord {
  return {
    externalId: c.url,
    name: c.name,
    companyType: c.type ?? null,
    currency: c.currency,
    salesTaxRegistrationStatus: c.sales_tax_registration_status ?? null,
    yearEnd: c.first_accounting_year_end?.slice(5) ?? null,
    sourceCreatedAt: isoOrNull(c.created_at),
    sourceUpdatedAt: iso(c.updated_at),
    observedAt,
  };
}

export function userRecord(u: User, observedAt: string): AccountingUserRecord {
  return {
    externalId: u.url,
    email: u.email ?? null,
    firstName: u.first_name ?? null,
    lastName: u.last_name ?? null,
    role: u.role ?? null,
    permissionLevel: u.permission_level,
    sourceUpdatedAt: iso(u.updated_at),
    observedAt,
  };
}

export function contactRecord(c: Contact, observedAt: string): AccountingContactRecord {
  return {
    externalId: c.url,
    organisationName: c.organisation_name ?? null,
    firstName: c.first_name ?? null,
    lastName: c.last_name ?? null,
    email: c.email ?? null,
    status: c.status ?? null,
    town: c.town ?? null,
    postcode: c.postcode ?? null,
    country: c.country ?? null,
    sourceCreatedAt: iso(c.created_at),
    sourceUpdatedAt: iso(c.updated_at),
    observedAt,
  };
}

export function categoryRecord(c: Category, group: (typeof CATEGORY_GROUPS)[keyof typeof CATEGORY_GROUPS], observedAt: string): AccountingCategoryRecord {
  return {
    externalId: c.url,
    nominalCode: c.nominal_code,
    description: c.description,
    group,
    allowableForTax: c.allowable_for_tax ?? null,
    sourceUpdatedAt: CATEGORY_UNDATED,
    observedAt,
  };
}

/** A line without a quantity or price counts as none of either ("0"), never as a missing number. */
function lineItems(items: readonly LineItem[] | null | undefined): AccountingLineItemRecord[] {
  return (items ?? []).map((item, index) => ({
    position: item.position ?? index + 1,
    description: item.description ?? null,
    itemType: item.item_type ?? null,
    quantity: item.quantity ?? "0",
    price: item.price ?? "0",
    categoryExternalId: item.category ?? null,
    salesTaxRate: item.sales_tax_rate ?? null,
  }));
}

export function invoiceRecord(i: Invoice, observedAt: string): InvoiceRecord {
  return {
    externalId: i.url,
    contactExternalId: i.contact ?? null,
    reference: i.reference,
    status: i.status,
    datedOn: i.dated_on,
    dueOn: i.due_on ?? null,
    currency: i.currency,
    netValue: i.net_value,
    salesTaxValue: i.sales_tax_value ?? null,
    totalValue: i.total_value,
    paidValue: i.paid_value ?? null,
    dueValue: i.due_value ?? null,
    items: lineItems(i.invoice_items),
    sourceCreatedAt: iso(i.created_at),
    sourceUpdatedAt: iso(i.updated_at),
    observedAt,
  };
}

export function billRecord(b: Bill, observedAt: string): BillRecord {
  return {
    externalId: b.url,
    contactExternalId: b.contact ?? null,
    reference: b.reference ?? null,
    status: b.status,
    datedOn: b.dated_on,
    dueOn: b.due_on ?? null,
    paidOn: b.paid_on ?? null,
    currency: b.currency,
    categoryExternalId: b.category ?? null,
    salesTaxValue: b.sales_tax_value ?? null,
    totalValue: b.total_value,
    items: lineItems(b.bill_items),
    sourceCreatedAt: iso(b.created_at),
    sourceUpdatedAt: iso(b.updated_at),
    observedAt,
  };
}

export function bankAccountRecord(a: BankAccount, observedAt: string): BankAccountRecord {
  return {
    externalId: a.url,
    name: a.name,
    type: a.type,
    currency: a.currency,
    isPrimary: a.is_primary ?? false,
    bankName: a.bank_name ?? null,
    status: a.status ?? null,
    openingBalance: a.opening_balance ?? null,
    currentBalance: a.current_balance ?? null,
    latestActivityOn: a.latest_activity_date ?? null,
    sourceCreatedAt: isoOrNull(a.created_at),
    sourceUpdatedAt: iso(a.updated_at),
    observedAt,
  };
}

export function explanationRecord(e: Explanation, observedAt: string): BankTransactionExplanationRecord {
  return {
    externalId: e.url,
    bankTransactionExternalId: e.bank_transaction,
    bankAccountExternalId: e.bank_account,
    datedOn: e.dated_on,
    description: e.description ?? null,
    type: e.type ?? null,
    grossValue: e.gross_value,
    categoryExternalId: e.category ?? null,
    sourceCreatedAt: iso(e.created_at),
    sourceUpdatedAt: iso(e.updated_at),
    observedAt,
  };
}

/** With its embedded explanations when the answer has the list (even empty); null when it has none. */
export function bankTransactionRecord(t: BankTransaction, observedAt: string): BankTransactionRecord {
  return {
    externalId: t.url,
    bankAccountExternalId: t.bank_account,
    datedOn: t.dated_on,
    description: t.description ?? null,
    amount: t.amount,
    unexplainedAmount: t.unexplained_amount,
    isManual: t.is_manual ?? false,
    explanations: t.bank_transaction_explanations ? t.bank_transaction_explanations.map((e) => explanationRecord(e, observedAt)) : null,
    sourceCreatedAt: iso(t.created_at),
    sourceUpdatedAt: iso(t.updated_at),
    observedAt,
  };
}

export function ledgerTransactionRecord(t: LedgerTransaction, observedAt: string): LedgerTransactionRecord {
  return {
    externalId: t.url,
    datedOn: t.dated_on,
    description: t.description ?? null,
    categoryExternalId: t.category ?? null,
    nominalCode: t.nominal_code ?? null,
    categoryName: t.category_name ?? null,
    debitValue: t.debit_value,
    sourceItemExternalId: t.source_item_url ?? null,
    sourceCreatedAt: iso(t.created_at),
    sourceUpdatedAt: iso(t.updated_at),
    observedAt,
  };
}
