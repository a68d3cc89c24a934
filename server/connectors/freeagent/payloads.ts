import { z } from "zod";

// FreeAgent v2's answers as the connector reads them (dev.freeagent.com/docs, per resource; what is
// confirmed is listed in dev/sandbox/freeagent/CONTRACT-NOTES.md). Each object's `url` is its
// identity and references are URLs. Decimals are JSON strings ("-730.0") and stay strings.
// Objects are loose: FreeAgent adds fields, and only those below are read.

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal string");
const text = z.string().nullish();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date (YYYY-MM-DD)");
const timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "an ISO 8601 timestamp");

export const company = z.looseObject({
  url: z.string(),
  id: z.union([z.number(), z.string()]).nullish(),
  name: z.string(),
  subdomain: text,
  type: text,
  currency: z.string(),
  company_start_date: day.nullish(),
  first_accounting_year_end: day.nullish(),
  sales_tax_registration_status: text,
  created_at: timestamp.nullish(),
  updated_at: timestamp,
});
export type Company = z.output<typeof company>;

export const user = z.looseObject({
  url: z.string(),
  email: text,
  first_name: text,
  last_name: text,
  role: text,
  permission_level: z.number().int().min(0).max(8),
  updated_at: timestamp,
});
export type User = z.output<typeof user>;

export const contact = z.looseObject({
  url: z.string(),
  organisation_name: text,
  first_name: text,
  last_name: text,
  email: text,
  status: text,
  town: text,
  postcode: text,
  country: text,
  created_at: timestamp,
  updated_at: timestamp,
});
export type Contact = z.output<typeof contact>;

export const category = z.looseObject({
  url: z.string(),
  description: z.string(),
  nominal_code: z.string(),
  allowable_for_tax: z.boolean().nullish(),
});
export type Category = z.output<typeof category>;

/** `GET /v2/categories`: the chart of accounts in four groups, unpaged. */
export const CATEGORY_GROUPS = {
  admin_expenses_categories: "admin_expenses",
  cost_of_sales_categories: "cost_of_sales",
  income_categories: "income",
  general_categories: "general",
} as const;
export const categories = z.looseObject(Object.fromEntries(Object.keys(CATEGORY_GROUPS).map((key) => [key, z.array(category).optional()])) as Record<keyof typeof CATEGORY_GROUPS, z.ZodOptional<z.ZodArray<typeof category>>>);

const lineItem = z.looseObject({
  position: z.number().int().nullish(),
  description: text,
  item_type: text,
  quantity: decimal.nullish(),
  price: decimal.nullish(),
  category: text,
  sales_tax_rate: decimal.nullish(),
});
export type LineItem = z.output<typeof lineItem>;

export const invoice = z.looseObject({
  url: z.string(),
  contact: text,
  reference: z.string(),
  status: z.string(),
  dated_on: day,
  due_on: day.nullish(),
  currency: z.string(),
  net_value: decimal,
  sales_tax_value: decimal.nullish(),
  total_value: decimal,
  paid_value: decimal.nullish(),
  due_value: decimal.nullish(),
  invoice_items: z.array(lineItem).nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type Invoice = z.output<typeof invoice>;

export const bill = z.looseObject({
  url: z.string(),
  contact: text,
  reference: text,
  status: z.string(),
  dated_on: day,
  due_on: day.nullish(),
  paid_on: day.nullish(),
  currency: z.string(),
  category: text,
  sales_tax_value: decimal.nullish(),
  total_value: decimal,
  bill_items: z.array(lineItem).nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type Bill = z.output<typeof bill>;

export const bankAccount = z.looseObject({
  url: z.string(),
  name: z.string(),
  type: z.string(),
  currency: z.string(),
  is_primary: z.boolean().nullish(),
  bank_name: text,
  status: text,
  opening_balance: decimal.nullish(),
  current_balance: decimal.nullish(),
  latest_activity_date: day.nullish(),
  created_at: timestamp.nullish(),
  updated_at: timestamp,
});
export type BankAccount = z.output<typeof bankAccount>;

export const explanation = z.looseObject({
  url: z.string(),
  bank_account: z.string(),
  bank_transaction: z.string(),
  type: text,
  dated_on: day,
  description: text,
  gross_value: decimal,
  category: text,
  created_at: timestamp,
  updated_at: timestamp,
});
export type Explanation = z.output<typeof explanation>;

export const bankTransaction = z.looseObject({
  url: z.string(),
  bank_account: z.string(),
  dated_on: day,
  description: text,
  amount: decimal,
  unexplained_amount: decimal,
  is_manual: z.boolean().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
  bank_transaction_explanations: z.array(explanation).nullish(),
});
export type BankTransaction = z.output<typeof bankTransaction>;

export const ledgerTransaction = z.looseObject({
  url: z.string(),
  dated_on: day,
  description: text,
  category: text,
  category_name: text,
  nominal_code: text,
  debit_value: decimal,
  source_item_url: text,
  created_at: timestamp,
  updated_at: timestamp,
});
export type LedgerTransaction = z.output<typeof ledgerTransaction>;

/** FreeAgent's error body, `{"errors":{"error":{"message":"..."}}}`; some answers carry a list. */
export const errorBody = z.looseObject({
  errors: z.union([z.looseObject({ error: z.looseObject({ message: z.string() }) }), z.array(z.looseObject({ message: z.string() }))]),
});
