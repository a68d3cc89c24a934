// The demo FreeAgent company, generated from a seed: the same seed, epoch and payouts give the same
// books. Its main bank account holds the deposits of the sandbox Shopify's payouts, planted as a
// bookkeeper finds them: most exact, some short by a fee adjustment, one missing, one imported twice.
import { rngFor } from "../_kit/random";

const DAY = 86_400_000;

/** A store payout, as the sandbox Shopify will report it; `amount` is a decimal string ("1234.56"). */
export interface Payout {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  amount: string;
}

export interface Volume {
  /** Ordinary bank transactions (rent, suppliers, card spend...), besides the payout deposits. */
  bankTransactions: number;
  invoices: number;
  /** Default 40. */
  bills?: number;
  /** Default 30 (two thirds customers, one third suppliers). */
  contacts?: number;
  /** Default 300, over the two years before the epoch. */
  accountingTransactions?: number;
}

export interface GeneratorOptions {
  seed: string | number;
  /** The generated history ends here (epoch ms). */
  epoch: number;
  volume: Volume;
  /** The payouts whose deposits the main bank account holds. Default: `demoPayouts(seed, epoch, 12)`. */
  payouts?: Payout[];
}

export const ID_BASE = { contact: 1_000, bankAccount: 10, bankTransaction: 500_000_000, explanation: 600_000_000, invoice: 2_000_000, bill: 3_000_000, accountingTransaction: 7_000_000 } as const;

export interface CategoryRecord {
  nominalCode: string;
  description: string;
  group: "admin_expenses" | "cost_of_sales" | "income" | "general";
  allowableForTax: boolean;
}

/** A UK chart of accounts as FreeAgent groups it (codes and names made up in its style [U]). */
export const CATEGORIES: CategoryRecord[] = [
  { nominalCode: "001", description: "Sales", group: "income", allowableForTax: true },
  { nominalCode: "002", description: "Shopify Sales", group: "income", allowableForTax: true },
  { nominalCode: "055", description: "Other Income", group: "income", allowableForTax: true },
  { nominalCode: "096", description: "Refunds Given", group: "income", allowableForTax: true },
  { nominalCode: "101", description: "Cost of Sales", group: "cost_of_sales", allowableForTax: true },
  { nominalCode: "102", description: "Packaging", group: "cost_of_sales", allowableForTax: true },
  { nominalCode: "103", description: "Fulfilment", group: "cost_of_sales", allowableForTax: true },
  { nominalCode: "250", description: "Advertising and Promotion", group: "admin_expenses", allowableForTax: true },
  { nominalCode: "285", description: "Rent", group: "admin_expenses", allowableForTax: true },
  { nominalCode: "363", description: "Bank and Payment Processor Fees", group: "admin_expenses", allowableForTax: true },
  { nominalCode: "365", description: "Software and Subscriptions", group: "admin_expenses", allowableForTax: true },
  { nominalCode: "750", description: "Office Equipment", group: "general", allowableForTax: false },
  { nominalCode: "814", description: "Loan Repayments", group: "general", allowableForTax: false },
];

export interface ContactRecord {
  id: number;
  kind: "customer" | "supplier";
  organisationName: string | null;
  firstName: string;
  lastName: string;
  email: string;
  town: string;
  postcode: string;
  createdAt: number;
  updatedAt: number;
}

export interface BankAccountRecord {
  id: number;
  type: "StandardBankAccount" | "CreditCardAccount";
  name: string;
  bankName: string;
  isPrimary: boolean;
  openingCents: number;
  accountNumber: string;
  sortCode: string | null;
}

export interface BankTransactionRecord {
  id: number;
  bankAccountId: number;
  datedOn: string;
  amountCents: number;
  description: string;
  isManual: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ExplanationRecord {
  id: number;
  bankTransactionId: number;
  bankAccountId: number;
  datedOn: string;
  grossCents: number;
  categoryCode: string;
  description: string;
  createdAt: number;
  updatedAt: number;
}

export interface LineItem {
  description: string;
  itemType: "Products" | "Services";
  quantity: number;
  priceCents: number;
  categoryCode: string;
}

export interface InvoiceRecord {
  id: number;
  contactId: number;
  reference: string;
  datedOn: string;
  dueOn: string;
  status: "Draft" | "Open" | "Overdue" | "Paid";
  items: LineItem[];
  createdAt: number;
  updatedAt: number;
}

export interface BillRecord {
  id: number;
  contactId: number;
  reference: string;
  datedOn: string;
  dueOn: string;
  status: "Open" | "Overdue" | "Paid";
  categoryCode: string;
  items: LineItem[];
  createdAt: number;
  updatedAt: number;
}

export interface AccountingTransactionRecord {
  id: number;
  datedOn: string;
  categoryCode: string;
  debitCents: number;
  description: string;
  /** Path of the item it comes from (`invoices/2000004`). */
  source: string;
  createdAt: number;
  updatedAt: number;
}

/** How a payout's deposit was planted: what reconciliation must find. */
export type PlantKind = "exact" | "fee" | "missing" | "duplicated";
export interface PlantedPayout {
  payout: Payout;
  kind: PlantKind;
  /** The deposits' bank transaction ids (none when missing, two when duplicated). */
  depositIds: number[];
  /** What the bank received, in pence (the payout's, less the fee adjustment for "fee"). */
  depositCents: number | null;
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

/** Exact pence of a decimal string ("1234.5", "-12.34"): money never passes through a float. */
export function decimalToCents(amount: string, field: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new Error(`${field} must be a decimal string with at most 2 decimals, got ${JSON.stringify(amount)}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "0").padEnd(2, "0"));
  return match[1] ? -cents : cents;
}

/** A deterministic list of weekly payouts ending at the epoch, until the sandbox Shopify has its own. */
export function demoPayouts(seed: string | number, epoch: number, count: number): Payout[] {
  return Array.from({ length: count }, (_, i) => {
    const rng = rngFor(seed, "payout", i);
    const cents = rng.int(80_000, 600_000);
    return { id: `${90_000_000 + i}`, date: isoDay(dayStart(epoch) - (count - i) * 7 * DAY), amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}` };
  });
}

const CUSTOMER_FIRST = ["Olivia", "Harry", "Isla", "George", "Ava", "Noah", "Freya", "Oscar", "Poppy", "Arthur", "Evie", "Leo"];
const CUSTOMER_LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas", "Roberts"];
const TOWNS: [string, string][] = [["London", "E1 6AN"], ["Manchester", "M1 1AE"], ["Bristol", "BS1 4DJ"], ["Leeds", "LS1 4AP"], ["Glasgow", "G1 1XQ"], ["Brighton", "BN1 1AA"]];
const SUPPLIERS: [string, string][] = [
  ["Northwind Packaging Ltd", "102"],
  ["Fenland Fulfilment Ltd", "103"],
  ["Harbour Lane Properties", "285"],
  ["Brightline Ads Ltd", "250"],
  ["Cloudworks Software Ltd", "365"],
  ["Kestrel Wholesale Ltd", "101"],
];

/** Ordinary bank activity: what a small brand's current account shows besides its payouts. */
const ORDINARY: { description: string; categoryCode: string; cents: [number, number] }[] = [
  { description: "HARBOUR LANE PROPERTIES RENT", categoryCode: "285", cents: [-215_000, -215_000] },
  { description: "NORTHWIND PACKAGING LTD", categoryCode: "102", cents: [-95_000, -8_000] },
  { description: "KESTREL WHOLESALE LTD", categoryCode: "101", cents: [-450_000, -40_000] },
  { description: "FENLAND FULFILMENT LTD", categoryCode: "103", cents: [-180_000, -20_000] },
  { description: "META ADS", categoryCode: "250", cents: [-60_000, -2_500] },
  { description: "CLOUDWORKS SOFTWARE", categoryCode: "365", cents: [-9_900, -1_200] },
  { description: "MONTHLY ACCOUNT FEE", categoryCode: "363", cents: [-1_500, -500] },
  { description: "WHOLESALE ORDER PAYMENT", categoryCode: "001", cents: [20_000, 350_000] },
];

export const BANK_ACCOUNTS: BankAccountRecord[] = [
  { id: ID_BASE.bankAccount, type: "StandardBankAccount", name: "Business Current Account", bankName: "Barclays", isPrimary: true, openingCents: 1_250_000, accountNumber: "43218765", sortCode: "20-00-00" },
  { id: ID_BASE.bankAccount + 1, type: "CreditCardAccount", name: "Business Credit Card", bankName: "Barclays", isPrimary: false, openingCents: 0, accountNumber: "4929", sortCode: null },
];
export const MAIN_ACCOUNT_ID = BANK_ACCOUNTS[0]!.id;
const CARD_ACCOUNT_ID = BANK_ACCOUNTS[1]!.id;

/** One in four ordinary transactions is left unexplained; the others carry one generated explanation. */
export const isExplainedOrdinary = (k: number) => k % 4 !== 0;
/** Explanation `j` explains ordinary transaction `explainedOrdinaryIndex(j)` (the j-th with `k % 4 !== 0`). */
const explainedOrdinaryIndex = (j: number) => j + Math.floor(j / 3) + 1;
export const explanationIndexOf = (k: number) => k - Math.floor(k / 4) - 1;
const explainedOrdinaryCount = (n: number) => n - Math.ceil(n / 4);

/** The whole demo company: small resources in full, large ones as generators by index. */
export function generateCompany(options: GeneratorOptions) {
  const { seed, epoch, volume } = options;
  const today = dayStart(epoch);
  const payouts = options.payouts ?? demoPayouts(seed, epoch, 12);
  const contactCount = volume.contacts ?? 30;
  const supplierCount = Math.max(SUPPLIERS.length, Math.floor(contactCount / 3));

  const contacts: ContactRecord[] = Array.from({ length: contactCount }, (_, i) => {
    const rng = rngFor(seed, "contact", i);
    const [town, postcode] = rng.pick(TOWNS);
    const createdAt = today - rng.int(400, 900) * DAY + rng.int(0, DAY - 1);
    const supplier = i >= contactCount - supplierCount;
    const supplierName = supplier ? (SUPPLIERS[(contactCount - 1 - i) % SUPPLIERS.length]![0] + (contactCount - 1 - i >= SUPPLIERS.length ? ` (${contactCount - i})` : "")) : null;
    const firstName = rng.pick(CUSTOMER_FIRST);
    const lastName = rng.pick(CUSTOMER_LAST);
    const organisationName = supplierName ?? (rng.chance(0.4) ? `${lastName} & Co Retail` : null);
    return { id: ID_BASE.contact + i, kind: supplier ? "supplier" : "customer", organisationName, firstName, lastName, email: `${firstName}.${lastName}${i}@example.co.uk`.toLowerCase(), town, postcode, createdAt, updatedAt: createdAt + rng.int(0, 30) * DAY };
  });
  const customers = contacts.filter((c) => c.kind === "customer");
  const suppliers = contacts.filter((c) => c.kind === "supplier");

  // ---- payout deposits ----
  const planRng = rngFor(seed, "payout-plan", 0);
  const missing = payouts.length >= 3 ? planRng.int(0, payouts.length - 1) : -1;
  const duplicated = payouts.length >= 3 ? (missing + planRng.int(1, payouts.length - 1)) % payouts.length : -1;
  const feeIndexes = new Set(payouts.map((_, i) => i).filter((i) => i !== missing && i !== duplicated && planRng.chance(0.25)));
  if (feeIndexes.size === 0) {
    const first = payouts.findIndex((_, i) => i !== missing && i !== duplicated);
    if (first >= 0 && payouts.length >= 3) feeIndexes.add(first);
  }
  const deposits: BankTransactionRecord[] = [];
  const planted: PlantedPayout[] = payouts.map((payout, i) => {
    const rng = rngFor(seed, "deposit", payout.id);
    const payoutCents = decimalToCents(payout.amount, `payouts[${i}].amount`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(payout.date)) throw new Error(`payouts[${i}].date must be YYYY-MM-DD`);
    const kind: PlantKind = i === missing ? "missing" : i === duplicated ? "duplicated" : feeIndexes.has(i) ? "fee" : "exact";
    if (kind === "missing") return { payout, kind, depositIds: [], depositCents: null };
    const depositCents = kind === "fee" ? payoutCents - rng.int(25, 450) : payoutCents;
    // Banks post a payout a working day or two after Shopify sends it.
    const postedAt = Date.parse(`${payout.date}T00:00:00Z`) + rng.int(1, 2) * DAY;
    const depositIds: number[] = [];
    for (let copy = 0; copy < (kind === "duplicated" ? 2 : 1); copy++) {
      const id = ID_BASE.bankTransaction + deposits.length;
      const createdAt = postedAt + 6 * 3_600_000 + copy * 60_000;
      deposits.push({ id, bankAccountId: MAIN_ACCOUNT_ID, datedOn: isoDay(postedAt), amountCents: depositCents, description: "SHOPIFY PAYMENTS GB", isManual: false, createdAt, updatedAt: createdAt });
      depositIds.push(id);
    }
    return { payout, kind, depositIds, depositCents };
  });

  const ordinaryCount = volume.bankTransactions;
  /** Ordinary bank transaction `k`, spread over the year before the epoch in date order. */
  const ordinaryTransaction = (k: number): BankTransactionRecord => {
    const rng = rngFor(seed, "bank-transaction", k);
    const kind = rng.pick(ORDINARY);
    const at = today - Math.floor(((ordinaryCount - k) * 365) / Math.max(1, ordinaryCount)) * DAY;
    const createdAt = at + 7 * 3_600_000 + rng.int(0, 3_600_000);
    const card = k % 10 === 9 && kind.cents[1] < 0;
    return {
      id: ID_BASE.bankTransaction + deposits.length + k,
      bankAccountId: card ? CARD_ACCOUNT_ID : MAIN_ACCOUNT_ID,
      datedOn: isoDay(at),
      amountCents: rng.int(kind.cents[0], kind.cents[1]),
      description: kind.description,
      isManual: rng.chance(0.02),
      createdAt,
      updatedAt: createdAt,
    };
  };
  const bankTransaction = (index: number): BankTransactionRecord => (index < deposits.length ? deposits[index]! : ordinaryTransaction(index - deposits.length));
  /** The explanation a bookkeeper gave ordinary transaction `explainedOrdinaryIndex(j)`: the whole amount, in its category. */
  const explanation = (j: number): ExplanationRecord => {
    const k = explainedOrdinaryIndex(j);
    const tx = ordinaryTransaction(k);
    const kind = ORDINARY.find((o) => o.description === tx.description)!;
    const createdAt = tx.createdAt + rngFor(seed, "explanation", j).int(1, 72) * 3_600_000;
    return { id: ID_BASE.explanation + j, bankTransactionId: tx.id, bankAccountId: tx.bankAccountId, datedOn: tx.datedOn, grossCents: tx.amountCents, categoryCode: kind.categoryCode, description: tx.description, createdAt, updatedAt: createdAt };
  };

  const invoice = (i: number): InvoiceRecord => {
    const rng = rngFor(seed, "invoice", i);
    const at = today - Math.floor(((volume.invoices - i) * 365) / Math.max(1, volume.invoices)) * DAY;
    const age = (today - at) / DAY;
    const items: LineItem[] = Array.from({ length: rng.int(1, 4) }, (_, n) => ({ description: `Wholesale order line ${n + 1}`, itemType: "Products", quantity: rng.int(1, 24), priceCents: rng.int(500, 12_000), categoryCode: "001" }));
    const status = age > 45 ? "Paid" : rng.chance(0.1) ? "Draft" : age > 30 ? "Overdue" : "Open";
    const createdAt = at + rng.int(8, 18) * 3_600_000;
    return { id: ID_BASE.invoice + i, contactId: rng.pick(customers).id, reference: `INV-${String(i + 1).padStart(5, "0")}`, datedOn: isoDay(at), dueOn: isoDay(at + 30 * DAY), status, items, createdAt, updatedAt: status === "Paid" ? createdAt + rng.int(5, 40) * DAY : createdAt };
  };

  const billCount = volume.bills ?? 40;
  const bills: BillRecord[] = Array.from({ length: billCount }, (_, i) => {
    const rng = rngFor(seed, "bill", i);
    const supplier = rng.pick(suppliers);
    const categoryCode = SUPPLIERS.find(([name]) => supplier.organisationName?.startsWith(name))?.[1] ?? "101";
    const at = today - Math.floor(((billCount - i) * 365) / Math.max(1, billCount)) * DAY;
    const items: LineItem[] = Array.from({ length: rng.int(1, 3) }, (_, n) => ({ description: `Supply ${n + 1}`, itemType: "Products", quantity: rng.int(1, 10), priceCents: rng.int(1_000, 40_000), categoryCode }));
    const age = (today - at) / DAY;
    const createdAt = at + rng.int(8, 18) * 3_600_000;
    return { id: ID_BASE.bill + i, contactId: supplier.id, reference: `BILL-${rng.int(10_000, 99_999)}`, datedOn: isoDay(at), dueOn: isoDay(at + 30 * DAY), status: age > 40 ? "Paid" : age > 30 ? "Overdue" : "Open", categoryCode, items, createdAt, updatedAt: createdAt };
  });

  const accountingCount = volume.accountingTransactions ?? 300;
  const accountingTransaction = (i: number): AccountingTransactionRecord => {
    const rng = rngFor(seed, "accounting-transaction", i);
    const category = rng.pick(CATEGORIES);
    const at = today - Math.floor(((accountingCount - i) * 730) / Math.max(1, accountingCount)) * DAY;
    const cents = rng.int(500, 250_000);
    const createdAt = at + rng.int(8, 18) * 3_600_000;
    const fromInvoice = category.group === "income" && volume.invoices > 0;
    const source = fromInvoice ? `invoices/${ID_BASE.invoice + rng.int(0, volume.invoices - 1)}` : `bills/${ID_BASE.bill + rng.int(0, Math.max(0, billCount - 1))}`;
    // Credits are negative (docs/transactions): income is credited, expenses debited.
    return { id: ID_BASE.accountingTransaction + i, datedOn: isoDay(at), categoryCode: category.nominalCode, debitCents: category.group === "income" ? -cents : cents, description: category.description, source, createdAt, updatedAt: createdAt };
  };

  return {
    contacts,
    bills,
    planted,
    deposits: deposits.length,
    ordinaryCount,
    bankTransactionCount: deposits.length + ordinaryCount,
    bankTransaction,
    explanationCount: explainedOrdinaryCount(ordinaryCount),
    explanation,
    invoice,
    accountingCount,
    accountingTransaction,
  };
}

export type Company = ReturnType<typeof generateCompany>;
