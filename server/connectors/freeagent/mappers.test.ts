import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonLosslessly } from "../_core/lossless-json";
import { ACCOUNTING_TRANSACTIONS_ANSWER, BANK_TRANSACTIONS_ANSWER, CATEGORIES_ANSWER, INVOICES_ANSWER } from "./doc-examples";
import { bankTransactionRecord, CATEGORY_UNDATED, categoryRecord, invoiceRecord, ledgerTransactionRecord } from "./mappers";
import { bankTransaction, categories, CATEGORY_GROUPS, invoice, ledgerTransaction } from "./payloads";

// FreeAgent's documented answers (doc-examples.ts) through the payload schemas and mappers:
// decimals stay the strings FreeAgent wrote ("-730.0", never a float), nulls and absent fields
// become null, references stay URLs.

const SEEN = "2026-10-15T12:00:00.000Z";
const read = <S extends z.ZodType>(text: string, key: string, item: S) => (z.looseObject({ [key]: z.array(item) }).parse(parseJsonLosslessly(text)) as Record<string, z.output<S>[]>)[key]!;

describe("FreeAgent mappers", () => {
  it("a bank transaction keeps its amounts as written and carries its embedded explanations; one listed without them carries null", () => {
    const [explained, manual] = read(BANK_TRANSACTIONS_ANSWER, "bank_transactions", bankTransaction).map((t) => bankTransactionRecord(t, SEEN));
    expect(explained).toEqual({
      externalId: "https://api.freeagent.com/v2/bank_transactions/8",
      bankAccountExternalId: "https://api.freeagent.com/v2/bank_accounts/1",
      datedOn: "2010-05-01",
      description: ".Reichert, Kautzer and Schultz/.harness end-to-end e-markets",
      amount: "-730.0",
      unexplainedAmount: "0.0",
      isManual: false,
      explanations: [
        {
          externalId: "https://api.freeagent.com/v2/bank_transaction_explanations/9",
          bankTransactionExternalId: "https://api.freeagent.com/v2/bank_transactions/8",
          bankAccountExternalId: "https://api.freeagent.com/v2/bank_accounts/1",
          datedOn: "2010-05-01",
          description: null,
          type: "Payment",
          grossValue: "-730.0",
          categoryExternalId: "https://api.freeagent.com/v2/categories/285",
          sourceCreatedAt: "2015-11-17T18:16:00.199Z",
          sourceUpdatedAt: "2015-11-17T18:16:00.199Z",
          observedAt: SEEN,
        },
      ],
      sourceCreatedAt: "2015-11-17T18:16:00.199Z",
      sourceUpdatedAt: "2015-11-17T18:16:00.199Z",
      observedAt: SEEN,
    });
    expect(manual).toMatchObject({ amount: "1234.56", unexplainedAmount: "1234.56", description: null, isManual: true, explanations: null });
  });

  it("an accounting transaction's credit is a negative debit, as written; an absent source is null", () => {
    const [credit, debit] = read(ACCOUNTING_TRANSACTIONS_ANSWER, "transactions", ledgerTransaction).map((t) => ledgerTransactionRecord(t, SEEN));
    expect(credit).toMatchObject({ debitValue: "-730.0", nominalCode: "001", categoryName: "Sales", sourceItemExternalId: "https://api.freeagent.com/v2/invoices/1" });
    expect(debit).toMatchObject({ debitValue: "12.5", sourceItemExternalId: null });
  });

  it("an invoice (a negative credit note) keeps its values and maps its items; an item without price or quantity counts as none", () => {
    const [credit] = read(INVOICES_ANSWER, "invoices", invoice).map((i) => invoiceRecord(i, SEEN));
    expect(credit).toMatchObject({ netValue: "-100.0", salesTaxValue: "-20.0", totalValue: "-120.0", paidValue: "0.0", dueValue: "-120.0", contactExternalId: "https://api.freeagent.com/v2/contacts/1", sourceUpdatedAt: "2011-08-29T00:00:00.000Z" });
    expect(credit!.items).toEqual([
      { position: 1, description: "Refunded goods", itemType: "Products", quantity: "2.0", price: "-50.0", categoryExternalId: "https://api.freeagent.com/v2/categories/001", salesTaxRate: "20.0" },
      { position: 2, description: "Comment", itemType: "Comment", quantity: "0", price: "0", categoryExternalId: null, salesTaxRate: null },
    ]);
  });

  it("categories come from every group present, each with its group and no change time of FreeAgent's", () => {
    const body = categories.parse(parseJsonLosslessly(CATEGORIES_ANSWER));
    const records = Object.entries(CATEGORY_GROUPS).flatMap(([key, group]) => (body[key as keyof typeof CATEGORY_GROUPS] ?? []).map((c) => categoryRecord(c, group, SEEN)));
    expect(records).toEqual([
      { externalId: "https://api.freeagent.com/v2/categories/285", nominalCode: "285", description: "Accommodation and Meals", group: "admin_expenses", allowableForTax: true, sourceUpdatedAt: CATEGORY_UNDATED, observedAt: SEEN },
      { externalId: "https://api.freeagent.com/v2/categories/001", nominalCode: "001", description: "Sales", group: "income", allowableForTax: null, sourceUpdatedAt: CATEGORY_UNDATED, observedAt: SEEN },
    ]);
  });

  it("refuses a decimal sent as a JSON number, so none is ever read through a float", () => {
    const asNumber = BANK_TRANSACTIONS_ANSWER.replace('"amount":"-730.0"', '"amount":-730.0');
    expect(() => read(asNumber, "bank_transactions", bankTransaction)).toThrow(/amount/);
  });
});
