import { GraphQLError } from "graphql";
import { centsToAmount } from "../_kit/money";
import { LazyConnection, type ConnectionArgs } from "./connection";
import type { ExecContext } from "./exec-context";
import { gid, iso } from "./gid";
import { buildPayoutLedger, payoutStatus, type BalanceTransactionRecord, type PayoutLedger, type PayoutRecord } from "./payouts";
import type { SearchSpec } from "./search-query";
import type { ShopStore } from "./store";
import { money, type View } from "./views";

const ledgers = new WeakMap<ShopStore, { version: number; ledger: PayoutLedger }>();

/** The ledger of the store's current orders, rebuilt only when an order changed. */
export function ledgerOf(store: ShopStore): PayoutLedger {
  const cached = ledgers.get(store);
  if (cached?.version === store.orders.version) return cached.ledger;
  const { seed, epoch, currency } = store.options;
  const ledger = buildPayoutLedger({ seed, epoch, currency: currency ?? "USD" }, store.orders.records());
  ledgers.set(store, { version: store.orders.version, ledger });
  return ledger;
}

/** A record with its payout's status and issue date, which searches and sorts read. */
type Row<T> = { record: T; status: string; payoutIssuedAt: number };

const payoutSearch: SearchSpec<Row<PayoutRecord>> = {
  defaultFields: ["id"],
  fields: {
    id: { kind: "number", get: (r) => r.record.id },
    issued_at: { kind: "date", get: (r) => r.record.issuedAt },
    status: { kind: "string", get: (r) => r.status.toLowerCase() },
  },
};

const balanceTransactionSearch: SearchSpec<Row<BalanceTransactionRecord>> = {
  defaultFields: ["id"],
  fields: {
    id: { kind: "number", get: (r) => r.record.id },
    payments_transfer_id: { kind: "number", get: (r) => r.record.payoutId },
    payout_date: { kind: "date", get: (r) => r.payoutIssuedAt },
    payout_status: { kind: "string", get: (r) => r.status.toLowerCase() },
    processed_at: { kind: "date", get: (r) => r.record.transactionDate },
    transaction_type: { kind: "string", get: (r) => r.record.type.toLowerCase() },
  },
};

function sortKey<T>(name: string | null | undefined, keys: Record<string, (row: T) => number>): (row: T) => number {
  const key = keys[name ?? "ID"];
  if (!key) throw new GraphQLError(`The sandbox does not support sortKey ${name} here; use one of ${Object.keys(keys).join(", ")}.`, { extensions: { code: "BAD_REQUEST" } });
  return key;
}

type ListArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

/** `shopifyPaymentsAccount`: the shop's payouts and balance transactions. */
export function shopifyPaymentsAccountView(ctx: ExecContext): View {
  const { store, shop, currency } = ctx;
  const now = shop.clock.now();
  const m = (cents: number) => money(centsToAmount(cents), currency);
  const ledger = () => ledgerOf(store);
  const payoutsById = () => new Map(ledger().payouts.map((p) => [p.id, p]));

  const payoutView = (p: PayoutRecord): View => ({
    __typename: "ShopifyPaymentsPayout",
    id: gid("ShopifyPaymentsPayout", p.id),
    legacyResourceId: String(p.id),
    issuedAt: iso(p.issuedAt),
    status: payoutStatus(p, now),
    net: m(p.netCents),
    gross: m(p.gross.CHARGE + p.gross.REFUND + p.gross.ADJUSTMENT),
    transactionType: p.netCents < 0 ? "WITHDRAWAL" : "DEPOSIT",
    externalTraceId: null,
    summary: {
      __typename: "ShopifyPaymentsPayoutSummary",
      chargesGross: m(p.gross.CHARGE),
      chargesFee: m(p.fees.CHARGE),
      refundsFeeGross: m(p.gross.REFUND),
      refundsFee: m(p.fees.REFUND),
      adjustmentsGross: m(p.gross.ADJUSTMENT),
      adjustmentsFee: m(p.fees.ADJUSTMENT),
      reservedFundsGross: m(0),
      reservedFundsFee: m(0),
      retriedPayoutsGross: m(0),
      retriedPayoutsFee: m(0),
      advanceGross: m(0),
      advanceFees: m(0),
      usdcRebateCreditAmount: m(0),
    },
  });

  const transactionView = (t: BalanceTransactionRecord, payout: PayoutRecord): View => ({
    __typename: "ShopifyPaymentsBalanceTransaction",
    id: gid("ShopifyPaymentsBalanceTransaction", t.id),
    type: t.type,
    test: false,
    amount: m(t.amountCents),
    fee: m(t.feeCents),
    net: m(t.netCents),
    sourceId: String(t.id),
    sourceType: t.type,
    sourceOrderTransactionId: String(t.orderTransactionId),
    transactionDate: iso(t.transactionDate),
    adjustmentReason: t.adjustmentReason,
    associatedOrder: { __typename: "ShopifyPaymentsAssociatedOrder", id: gid("Order", t.orderId), name: t.orderName },
    associatedPayout: { __typename: "ShopifyPaymentsBalanceTransactionAssociatedPayout", id: gid("ShopifyPaymentsPayout", payout.id), status: payoutStatus(payout, now) },
    adjustmentsOrders:
      t.type === "ADJUSTMENT"
        ? [
            {
              __typename: "ShopifyPaymentsAdjustmentOrder",
              amount: m(t.amountCents),
              fees: m(t.feeCents),
              net: m(t.netCents),
              name: t.orderName,
              link: `${shop.origin}/admin/orders/${t.orderId}`,
              orderTransactionId: String(t.orderTransactionId),
            },
          ]
        : [],
  });

  return {
    __typename: "ShopifyPaymentsAccount",
    id: gid("ShopifyPaymentsAccount", shop.shopId),
    activated: true,
    onboardable: false,
    country: "US",
    defaultCurrency: currency,
    accountOpenerName: null,
    payoutStatementDescriptor: "SANDBOX",
    balance: [m(0)],
    payouts: (args: ListArgs & { transactionType?: string | null }) => {
      const key = sortKey<Row<PayoutRecord>>(args.sortKey, { ID: (r) => r.record.id, ISSUED_AT: (r) => r.record.issuedAt });
      const match = ctx.search(args.query, payoutSearch);
      const rows = ledger().payouts.map((record) => ({ record, status: payoutStatus(record, now), payoutIssuedAt: record.issuedAt }));
      const sorted = [...rows].sort((a, b) => key(a) - key(b) || a.record.id - b.record.id);
      return ctx.paginate(
        new LazyConnection({
          items: () => sorted,
          key,
          id: (r) => r.record.id,
          filter: (r) => match(r) && (!args.transactionType || (r.record.netCents < 0 ? "WITHDRAWAL" : "DEPOSIT") === args.transactionType),
          toNode: (r) => payoutView(r.record),
        }),
        args,
      );
    },
    balanceTransactions: (args: ListArgs) => {
      const key = sortKey<Row<BalanceTransactionRecord>>(args.sortKey, { ID: (r) => r.record.id, PROCESSED_AT: (r) => r.record.transactionDate, PAYOUT_DATE: (r) => r.payoutIssuedAt });
      const match = ctx.search(args.query, balanceTransactionSearch);
      const byId = payoutsById();
      const rows = ledger().transactions.map((record) => {
        const payout = byId.get(record.payoutId)!;
        return { record, status: payoutStatus(payout, now), payoutIssuedAt: payout.issuedAt };
      });
      const sorted = [...rows].sort((a, b) => key(a) - key(b) || a.record.id - b.record.id);
      return ctx.paginate(
        new LazyConnection({ items: () => sorted, key, id: (r) => r.record.id, filter: match, toNode: (r) => transactionView(r.record, byId.get(r.record.payoutId)!) }),
        args,
      );
    },
  };
}
