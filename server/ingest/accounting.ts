// An accounting system's records (FreeAgent): one row each, upserted newer-wins, identical copies
// not written. Decimal strings go into numeric columns as they are, never through a float.
import type {
  AccountingCategoryRecord,
  AccountingCompanyRecord,
  AccountingContactRecord,
  AccountingLineItemRecord,
  AccountingUserRecord,
  BankAccountRecord,
  BankTransactionExplanationRecord,
  BillRecord,
  InvoiceRecord,
  LedgerTransactionRecord,
} from "@/server/connectors/_core/records";
import { flatRecordIngest } from "./flat-records";

const lower = (text: string | null) => text?.toLowerCase() ?? null;
const items = (list: readonly AccountingLineItemRecord[]) => JSON.stringify(list);

export const ingestAccountingCompanies = flatRecordIngest<AccountingCompanyRecord>({
  what: "accounting companies",
  table: "AccountingCompany",
  columns: [
    ["name", "text"],
    ["companyType", "text"],
    ["currency", "text"],
    ["salesTaxRegistrationStatus", "text"],
    ["yearEnd", "text"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (company) => company,
});

export const ingestAccountingUsers = flatRecordIngest<AccountingUserRecord>({
  what: "accounting users",
  table: "AccountingUser",
  columns: [
    ["email", "text"],
    ["firstName", "text"],
    ["lastName", "text"],
    ["role", "text"],
    ["permissionLevel", "integer"],
  ],
  row: (user) => user,
});

/** The organisation's name, else the person's: what the Accounting page lists a contact by. */
function contactDisplayName(contact: Pick<AccountingContactRecord, "organisationName" | "firstName" | "lastName" | "email" | "externalId">): string {
  const person = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
  return contact.organisationName || person || contact.email || contact.externalId;
}

export const ingestAccountingContacts = flatRecordIngest<AccountingContactRecord>({
  what: "accounting contacts",
  table: "AccountingContact",
  columns: [
    ["organisationName", "text"],
    ["firstName", "text"],
    ["lastName", "text"],
    ["displayName", "text"],
    ["displayNameLower", "text"],
    ["email", "text"],
    ["emailLower", "text"],
    ["status", "text"],
    ["town", "text"],
    ["postcode", "text"],
    ["country", "text"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (contact) => {
    const displayName = contactDisplayName(contact);
    return { ...contact, displayName, displayNameLower: displayName.toLowerCase(), emailLower: lower(contact.email) };
  },
});

export const ingestAccountingCategories = flatRecordIngest<AccountingCategoryRecord>({
  what: "accounting categories",
  table: "AccountingCategory",
  columns: [
    ["nominalCode", "text"],
    ["description", "text"],
    ["group", "text"],
    ["allowableForTax", "boolean"],
  ],
  row: (category) => category,
});

export const ingestInvoices = flatRecordIngest<InvoiceRecord>({
  what: "invoices",
  table: "Invoice",
  columns: [
    ["contactExternalId", "text"],
    ["reference", "text"],
    ["referenceLower", "text"],
    ["status", "text"],
    ["datedOn", "date"],
    ["dueOn", "date"],
    ["currency", "text"],
    ["netValue", "numeric"],
    ["salesTaxValue", "numeric"],
    ["totalValue", "numeric"],
    ["paidValue", "numeric"],
    ["dueValue", "numeric"],
    ["items", "jsonb"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (invoice) => ({ ...invoice, referenceLower: invoice.reference.toLowerCase(), items: items(invoice.items) }),
});

export const ingestBills = flatRecordIngest<BillRecord>({
  what: "bills",
  table: "Bill",
  columns: [
    ["contactExternalId", "text"],
    ["reference", "text"],
    ["referenceLower", "text"],
    ["status", "text"],
    ["datedOn", "date"],
    ["dueOn", "date"],
    ["paidOn", "date"],
    ["currency", "text"],
    ["categoryExternalId", "text"],
    ["salesTaxValue", "numeric"],
    ["totalValue", "numeric"],
    ["items", "jsonb"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (bill) => ({ ...bill, referenceLower: lower(bill.reference), items: items(bill.items) }),
});

export const ingestBankAccounts = flatRecordIngest<BankAccountRecord>({
  what: "bank accounts",
  table: "BankAccount",
  columns: [
    ["name", "text"],
    ["type", "text"],
    ["currency", "text"],
    ["isPrimary", "boolean"],
    ["bankName", "text"],
    ["status", "text"],
    ["openingBalance", "numeric"],
    ["currentBalance", "numeric"],
    ["latestActivityOn", "date"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (account) => account,
});

export const ingestBankTransactionExplanations = flatRecordIngest<BankTransactionExplanationRecord>({
  what: "bank transaction explanations",
  table: "BankTransactionExplanation",
  columns: [
    ["bankTransactionExternalId", "text"],
    ["bankAccountExternalId", "text"],
    ["datedOn", "date"],
    ["description", "text"],
    ["type", "text"],
    ["grossValue", "numeric"],
    ["categoryExternalId", "text"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (explanation) => explanation,
});

export const ingestLedgerTransactions = flatRecordIngest<LedgerTransactionRecord>({
  what: "ledger transactions",
  table: "LedgerTransaction",
  columns: [
    ["datedOn", "date"],
    ["description", "text"],
    ["categoryExternalId", "text"],
    ["nominalCode", "text"],
    ["categoryName", "text"],
    ["debitValue", "numeric"],
    ["sourceItemExternalId", "text"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (entry) => entry,
});
