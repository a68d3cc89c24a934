import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isEnumType, type GraphQLObjectType } from "graphql";
import { amountToCents } from "../_kit/money";
import { cardFeeCents, generatedPayouts } from "./payouts";
import { adminSchema } from "./schema";
import type { ShopifySandbox } from "./server";
import type { SandboxShop } from "./shop";
import { adminGraphql, ALL_SCOPES, installedSandbox, type GraphqlResult } from "./testing";

const DOMAIN = "payouts.myshopify.com";
let sandbox: ShopifySandbox;
let shop: SandboxShop;
let query: (q: string, v?: Record<string, unknown>) => Promise<GraphqlResult>;

beforeAll(async () => {
  ({ sandbox, query } = await installedSandbox({ domain: DOMAIN, seed: 7, volume: { orders: 1200, products: 40 } }, { scopes: [...ALL_SCOPES, "read_shopify_payments_payouts"] }));
  shop = sandbox.shop(DOMAIN);
  shop.bucket.setLimits({ maximumAvailable: 1_000_000, restoreRate: 1_000_000 });
  shop.bucket.setAvailable(1_000_000);
});
afterAll(() => sandbox.stop());

type Money = { amount: string; currencyCode: string };
type Payout = { id: string; legacyResourceId: string; issuedAt: string; status: string; transactionType: string; net: Money; summary: Record<string, Money> };
type Transaction = {
  id: string;
  type: string;
  test: boolean;
  amount: Money;
  fee: Money;
  net: Money;
  sourceType: string | null;
  sourceOrderTransactionId: string | null;
  adjustmentReason: string | null;
  transactionDate: string;
  associatedOrder: { id: string; name: string } | null;
  associatedPayout: { id: string | null; status: string | null };
};

const MONEY = "{ amount currencyCode }";
const PAYOUTS = `query($cursor: String) { shopifyPaymentsAccount { payouts(first: 50, after: $cursor) {
  nodes { id legacyResourceId issuedAt status transactionType net ${MONEY}
    summary { chargesGross ${MONEY} chargesFee ${MONEY} refundsFeeGross ${MONEY} refundsFee ${MONEY} adjustmentsGross ${MONEY} adjustmentsFee ${MONEY} reservedFundsGross ${MONEY} reservedFundsFee ${MONEY} retriedPayoutsGross ${MONEY} retriedPayoutsFee ${MONEY} } }
  pageInfo { hasNextPage endCursor } } } }`;
const TRANSACTIONS = `query($cursor: String, $query: String) { shopifyPaymentsAccount { balanceTransactions(first: 100, after: $cursor, query: $query) {
  nodes { id type test amount ${MONEY} fee ${MONEY} net ${MONEY} sourceId sourceType sourceOrderTransactionId adjustmentReason transactionDate associatedOrder { id name } associatedPayout { id status } }
  pageInfo { hasNextPage endCursor } } } }`;

async function all<T>(document: string, field: "payouts" | "balanceTransactions", variables: Record<string, unknown> = {}): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (;;) {
    const result = await query(document, { ...variables, cursor });
    expect(result.body.errors).toBeUndefined();
    const page = (result.body.data!.shopifyPaymentsAccount as Record<string, { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>)[field]!;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    cursor = page.pageInfo.endCursor;
  }
}

const cents = (m: Money) => {
  expect(m.amount).toMatch(/^-?\d+\.\d{2}$/);
  expect(m.currencyCode).toBe("USD");
  return amountToCents(m.amount);
};

function enumValues(typeName: string, field: string): Set<string> {
  const type = getNamedType((adminSchema().getType(typeName) as GraphQLObjectType).getFields()[field]!.type);
  if (!isEnumType(type)) throw new Error(`${typeName}.${field} is not an enum`);
  return new Set(type.getValues().map((v) => v.name));
}

let payouts: Payout[];
let transactions: Transaction[];

describe("Shopify Payments payouts", () => {
  beforeAll(async () => {
    payouts = await all<Payout>(PAYOUTS, "payouts");
    transactions = await all<Transaction>(TRANSACTIONS, "balanceTransactions");
  });

  it("pages through every payout and transaction, with values of the schema's types", () => {
    expect(payouts.length).toBeGreaterThan(300);
    expect(new Set(payouts.map((p) => p.id)).size).toBe(payouts.length);
    expect(new Set(transactions.map((t) => t.id)).size).toBe(transactions.length);
    const statuses = enumValues("ShopifyPaymentsPayout", "status");
    const kinds = enumValues("ShopifyPaymentsPayout", "transactionType");
    for (const p of payouts) {
      expect(statuses.has(p.status) && kinds.has(p.transactionType)).toBe(true);
      expect(p.id).toBe(`gid://shopify/ShopifyPaymentsPayout/${p.legacyResourceId}`);
      expect(p.issuedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    const types = enumValues("ShopifyPaymentsBalanceTransaction", "type");
    const sources = enumValues("ShopifyPaymentsBalanceTransaction", "sourceType");
    const payoutStatuses = enumValues("ShopifyPaymentsBalanceTransactionAssociatedPayout", "status");
    for (const t of transactions) {
      expect(types.has(t.type) && sources.has(t.sourceType!) && payoutStatuses.has(t.associatedPayout.status!)).toBe(true);
    }
    // The past is paid out; the last days are still on their way.
    expect(payouts[0]!.status).toBe("PAID");
    expect(payouts.at(-1)!.status).toBe("SCHEDULED");
    expect(payouts.some((p) => p.status === "IN_TRANSIT")).toBe(true);
  });

  it("makes every payout's net the exact sum of its transactions' nets, and its summary add up", () => {
    const byPayout = new Map<string, number>();
    for (const t of transactions) {
      expect(cents(t.net)).toBe(cents(t.amount) - cents(t.fee));
      byPayout.set(t.associatedPayout.id!, (byPayout.get(t.associatedPayout.id!) ?? 0) + cents(t.net));
    }
    expect(byPayout.size).toBe(payouts.length);
    for (const p of payouts) {
      expect(cents(p.net)).toBe(byPayout.get(p.id));
      const s = p.summary;
      const parts = cents(s.chargesGross!) - cents(s.chargesFee!) + cents(s.refundsFeeGross!) - cents(s.refundsFee!) + cents(s.adjustmentsGross!) - cents(s.adjustmentsFee!);
      expect(parts).toBe(cents(p.net));
    }
  });

  it("has exactly one charge per paid Shopify Payments order, a refund per refund and a few adjustments", () => {
    const byOrder = new Map<string, Transaction[]>();
    for (const t of transactions) byOrder.set(t.associatedOrder!.id, [...(byOrder.get(t.associatedOrder!.id) ?? []), t]);
    let paid = 0;
    let refunds = 0;
    for (const order of shop.store.orders.records()) {
      const sale = order.transactions.find((t) => t.kind === "SALE" && t.status === "SUCCESS" && t.gateway === "shopify_payments");
      const mine = byOrder.get(`gid://shopify/Order/${order.id}`) ?? [];
      if (!sale) {
        expect(mine).toEqual([]);
        continue;
      }
      paid++;
      const charges = mine.filter((t) => t.type === "CHARGE");
      expect(charges).toHaveLength(1);
      expect(charges[0]!.amount.amount).toBe(order.totalPrice);
      expect(cents(charges[0]!.fee)).toBe(cardFeeCents(amountToCents(order.totalPrice)));
      expect(charges[0]!.sourceOrderTransactionId).toBe(String(sale.id));
      const expectedRefunds = order.transactions.filter((t) => t.kind === "REFUND").map((t) => `-${t.amount}`);
      expect(mine.filter((t) => t.type === "REFUND").map((t) => t.amount.amount)).toEqual(expectedRefunds);
      refunds += expectedRefunds.length;
    }
    expect(paid).toBeGreaterThan(700);
    expect(refunds).toBeGreaterThan(20);
    const adjustments = transactions.filter((t) => t.type === "ADJUSTMENT");
    expect(adjustments.length).toBeGreaterThan(3);
    expect(adjustments.every((t) => t.adjustmentReason !== null)).toBe(true);
  });

  it("filters balance transactions by payout", async () => {
    const payout = payouts[10]!;
    const mine = await all<Transaction>(TRANSACTIONS, "balanceTransactions", { query: `payments_transfer_id:${payout.legacyResourceId}` });
    expect(mine.map((t) => t.id)).toEqual(transactions.filter((t) => t.associatedPayout.id === payout.id).map((t) => t.id));
    expect(mine.reduce((sum, t) => sum + cents(t.net), 0)).toBe(cents(payout.net));
  });

  it("refuses a token without read_shopify_payments_payouts", async () => {
    const { access_token } = shop.install(ALL_SCOPES);
    const result = await adminGraphql(sandbox, DOMAIN, access_token, `{ shopifyPaymentsAccount { payouts(first: 5) { nodes { id } } } }`);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_DENIED", requiredAccess: "`read_shopify_payments_payouts` access scope." });
  });

  it("lists the payouts as deposits through the control, the same as generatedPayouts for the shop's options", async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/payouts`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ shop: DOMAIN }) });
    const deposits = (await response.json()) as { id: string; date: string; amount: string; status: string }[];
    expect(deposits.map((d) => [d.id, d.amount, d.status])).toEqual(payouts.map((p) => [p.legacyResourceId, p.net.amount, p.status]));
    expect(deposits[0]!.date).toBe(payouts[0]!.issuedAt.slice(0, 10));
    expect(generatedPayouts(shop.store.options)).toEqual(deposits);
  });

  it("is deterministic by seed", () => {
    const options = { ...shop.store.options, volume: { orders: 300, products: 40 } };
    expect(generatedPayouts(options)).toEqual(generatedPayouts({ ...options }));
    expect(generatedPayouts({ ...options, seed: 8 })).not.toEqual(generatedPayouts(options));
  });
});
