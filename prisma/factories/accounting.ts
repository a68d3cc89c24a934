// Normalized payout and accounting records (what the Shopify and FreeAgent connectors produce and
// server/ingest writes), pure and deterministic for a given id like those in commerce.ts.
import type {
  AccountingCategoryRecord,
  AccountingCompanyRecord,
  AccountingContactRecord,
  AccountingUserRecord,
  BankAccountRecord,
  BankTransactionExplanationRecord,
  BankTransactionRecord,
  BillRecord,
  InvoiceRecord,
  LedgerTransactionRecord,
  PayoutBalanceTransactionRecord,
  PayoutRecord,
} from "@/server/connectors/_core/records";
import { at } from "./commerce";

const gbp = (amount: string) => ({ amount, currency: "GBP" });
const FA = "https://api.freeagent.test/v2";
const seen = { observedAt: at(3600) };

export function payoutRecord(externalId: string, overrides: Partial<PayoutRecord> = {}): PayoutRecord {
  return {
    externalId,
    status: "PAID",
    transactionType: "DEPOSIT",
    issuedAt: at(0),
    net: gbp("95.10"),
    gross: gbp("98.00"),
    summary: { chargesGross: "100.00", chargesFee: "2.90", refundsFeeGross: "-2.00", refundsFee: "0.00", adjustmentsGross: "0.00", adjustmentsFee: "0.00" },
    sourceUpdatedAt: at(0),
    ...seen,
    ...overrides,
  };
}

export function payoutBalanceTransactionRecord(externalId: string, overrides: Partial<PayoutBalanceTransactionRecord> = {}): PayoutBalanceTransactionRecord {
  return {
    externalId,
    payoutExternalId: null,
    type: "CHARGE",
    amount: gbp("100.00"),
    fee: gbp("2.90"),
    net: gbp("97.10"),
    transactionDate: at(-86_400),
    orderExternalId: null,
    orderName: null,
    orderTransactionExternalId: null,
    sourceType: "CHARGE",
    sourceId: externalId,
    adjustmentReason: null,
    sourceUpdatedAt: at(-86_400),
    ...seen,
    ...overrides,
  };
}

export function accountingCompanyRecord(overrides: Partial<AccountingCompanyRecord> = {}): AccountingCompanyRecord {
  return { externalId: `${FA}/company`, name: "Demo Brand Ltd", companyType: "UkLimitedCompany", currency: "GBP", salesTaxRegistrationStatus: "Registered", yearEnd: "03-31", sourceCreatedAt: at(0), sourceUpdatedAt: at(0), ...seen, ...overrides };
}

export function accountingUserRecord(id: string, overrides: Partial<AccountingUserRecord> = {}): AccountingUserRecord {
  return { externalId: `${FA}/users/${id}`, email: `user-${id}@example.com`, firstName: "Amelia", lastName: "Hart", role: "Director", permissionLevel: 8, sourceUpdatedAt: at(0), ...seen, ...overrides };
}

export function accountingContactRecord(id: string, overrides: Partial<AccountingContactRecord> = {}): AccountingContactRecord {
  return { externalId: `${FA}/contacts/${id}`, organisationName: `Supplier ${id} Ltd`, firstName: null, lastName: null, email: `accounts-${id}@example.com`, status: "Active", town: "Leeds", postcode: "LS1 1AA", country: "United Kingdom", sourceCreatedAt: at(0), sourceUpdatedAt: at(0), ...seen, ...overrides };
}

export function accountingCategoryRecord(nominalCode: string, overrides: Partial<AccountingCategoryRecord> = {}): AccountingCategoryRecord {
  return { externalId: `${FA}/categories/${nominalCode}`, nominalCode, description: `Category ${nominalCode}`, group: "income", allowableForTax: true, sourceUpdatedAt: at(0), ...seen, ...overrides };
}

export function invoiceRecord(id: string, overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return {
    externalId: `${FA}/invoices/${id}`,
    contactExternalId: `${FA}/contacts/1`,
    reference: `INV-${id}`,
    status: "Open",
    datedOn: "2026-01-01",
    dueOn: "2026-01-31",
    currency: "GBP",
    netValue: "100.0",
    salesTaxValue: "20.0",
    totalValue: "120.0",
    paidValue: "0.0",
    dueValue: "120.0",
    items: [{ position: 1, description: "Wholesale order", itemType: "Products", quantity: "2.0", price: "50.0", categoryExternalId: `${FA}/categories/001`, salesTaxRate: "20.0" }],
    sourceCreatedAt: at(0),
    sourceUpdatedAt: at(0),
    ...seen,
    ...overrides,
  };
}

export function billRecord(id: string, overrides: Partial<BillRecord> = {}): BillRecord {
  return {
    externalId: `${FA}/bills/${id}`,
    contactExternalId: `${FA}/contacts/1`,
    reference: `BILL-${id}`,
    status: "Open",
    datedOn: "2026-01-01",
    dueOn: "2026-01-31",
    paidOn: null,
    currency: "GBP",
    categoryExternalId: `${FA}/categories/285`,
    salesTaxValue: "10.0",
    totalValue: "60.0",
    items: [{ position: 1, description: "Packaging", itemType: "Products", quantity: "1.0", price: "50.0", categoryExternalId: `${FA}/categories/285`, salesTaxRate: "20.0" }],
    sourceCreatedAt: at(0),
    sourceUpdatedAt: at(0),
    ...seen,
    ...overrides,
  };
}

export function bankAccountRecord(id: string, overrides: Partial<BankAccountRecord> = {}): BankAccountRecord {
  return { externalId: `${FA}/bank_accounts/${id}`, name: "Business Current Account", type: "StandardBankAccount", currency: "GBP", isPrimary: true, bankName: "Demo Bank", status: "active", openingBalance: "1000.0", currentBalance: "1095.1", latestActivityOn: "2026-01-02", sourceCreatedAt: at(0), sourceUpdatedAt: at(0), ...seen, ...overrides };
}

export function bankTransactionRecord(id: string, overrides: Partial<BankTransactionRecord> = {}): BankTransactionRecord {
  return {
    externalId: `${FA}/bank_transactions/${id}`,
    bankAccountExternalId: `${FA}/bank_accounts/1`,
    datedOn: "2026-01-02",
    description: "SHOPIFY PAYMENTS GB",
    amount: "95.1",
    unexplainedAmount: "95.1",
    isManual: false,
    explanations: null,
    sourceCreatedAt: at(86_400),
    sourceUpdatedAt: at(86_400),
    ...seen,
    ...overrides,
  };
}

export function bankTransactionExplanationRecord(id: string, overrides: Partial<BankTransactionExplanationRecord> = {}): BankTransactionExplanationRecord {
  return {
    externalId: `${FA}/bank_transaction_explanations/${id}`,
    bankTransactionExternalId: `${FA}/bank_transactions/1`,
    bankAccountExternalId: `${FA}/bank_accounts/1`,
    datedOn: "2026-01-02",
    description: "Sales",
    type: "Money Received",
    grossValue: "95.1",
    categoryExternalId: `${FA}/categories/001`,
    sourceCreatedAt: at(86_400),
    sourceUpdatedAt: at(86_400),
    ...seen,
    ...overrides,
  };
}

export function ledgerTransactionRecord(id: string, overrides: Partial<LedgerTransactionRecord> = {}): LedgerTransactionRecord {
  return { externalId: `${FA}/accounting/transactions/${id}`, datedOn: "2026-01-02", description: "Sales", categoryExternalId: `${FA}/categories/001`, nominalCode: "001", categoryName: "Sales", debitValue: "-95.1", sourceItemExternalId: null, sourceCreatedAt: at(86_400), sourceUpdatedAt: at(86_400), ...seen, ...overrides };
}
