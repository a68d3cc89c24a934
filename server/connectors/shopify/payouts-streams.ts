import { z } from "zod";
import type { RecordKind, RecordsByKind, StreamPage, StreamReader } from "../_core/connector";
import { BALANCE_TRANSACTIONS_PAGE, PAYOUTS_PAGE } from "./payouts-documents";
import { mapBalanceTransaction, mapPayout } from "./payouts-mapper";
import { BalanceTransactionsPage, PayoutsPage } from "./payouts-types";
import { clientFor, decode, newest, OVERLAP_MS, searchSince, shiftIso, type ShopifyContext } from "./streams";
import { parsePayload } from "./types";

// The Shopify Payments streams: payouts and the balance transactions they settle. Neither has an
// update time, yet both change after they appear (a payout moves SCHEDULED → IN_TRANSIT → PAID,
// or FAILED/CANCELED; a transaction joins a payout some time after it is processed). So each run
// re-reads a window: from the earliest record still open as of the last run, or a trailing
// period before the newest one seen, whichever is earlier. Unchanged copies write nothing (the
// ingest compares content hashes), so the re-read costs requests, not writes.

export const PAYOUT_PAGE_SIZES = { payouts: 50, balanceTransactions: 100 } as const;

/** How long after its issue a payout is read again whatever its status: a bank may still return a paid one. */
export const PAYOUT_TRAILING_MS = 14 * 86_400_000;

/** Statuses a payout still moves on from. */
const OPEN_PAYOUT_STATUSES: ReadonlySet<string> = new Set(["SCHEDULED", "IN_TRANSIT"]);

/**
 * A window being paged through: `since`, its lower bound (null: everything); `after`, the page
 * cursor inside it; `highWater`, the newest time seen; `openFrom`, the earliest time of a record
 * still open. `note` says why there was nothing to read (a shop without Shopify Payments).
 */
const PaymentsCursor = z.object({
  v: z.literal(1),
  since: z.string().nullable(),
  after: z.string().nullable(),
  highWater: z.string().nullable(),
  openFrom: z.string().nullable(),
  note: z.string().optional(),
});
type PaymentsCursor = z.infer<typeof PaymentsCursor>;

const START: PaymentsCursor = { v: 1, since: null, after: null, highWater: null, openFrom: null };

export const NO_SHOPIFY_PAYMENTS = "The shop has no Shopify Payments account: there are no payouts to read.";

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

type Connection<N> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: N[] };

type Window<N, R> = {
  /** The search field of the window (`issued_at`, `processed_at`). */
  field: string;
  /** The page of the window, or null for a shop without Shopify Payments. */
  fetch(ctx: ShopifyContext, query: string | null, after: string | null): Promise<Connection<N> | null>;
  map(node: N, observedAt: string): R | null;
  time(record: R): string;
  open(record: R): boolean;
  /** How far before the newest time seen the next run starts again. */
  trailingMs: number;
};

async function windowPage<N, R>(window: Window<N, R>, input: ShopifyContext & { cursor: string | null }): Promise<StreamPage<R>> {
  const cursor = decode(PaymentsCursor, input.cursor, START);
  const observedAt = new Date().toISOString();
  const page = await window.fetch(input, searchSince(window.field, cursor.since), cursor.after);
  if (!page) return { records: [], nextCursor: JSON.stringify({ ...START, since: cursor.since, note: NO_SHOPIFY_PAYMENTS } satisfies PaymentsCursor), done: true };
  const records = page.nodes.map((node) => window.map(node, observedAt)).filter((r) => r !== null);
  const highWater = records.reduce((hw, r) => newest(hw, window.time(r)), cursor.highWater);
  const openFrom = records.filter(window.open).reduce<string | null>((from, r) => earliest(from, window.time(r)), cursor.openFrom);
  if (page.pageInfo.hasNextPage) {
    return { records, nextCursor: JSON.stringify({ ...cursor, after: page.pageInfo.endCursor, highWater, openFrom } satisfies PaymentsCursor), done: false };
  }
  const since = highWater ? earliest(openFrom, shiftIso(highWater, -window.trailingMs)) : cursor.since;
  return { records, nextCursor: JSON.stringify({ ...START, since } satisfies PaymentsCursor), done: true };
}

type Stream<K extends RecordKind, N extends string> = StreamReader<ShopifyContext, K> & { name: N };

const payouts: Stream<"payouts", "payouts"> = {
  name: "payouts",
  kind: "payouts",
  requiredScopes: ["read_shopify_payments_payouts"],
  readPage: (input) =>
    windowPage(
      {
        field: "issued_at",
        async fetch(ctx, query, after) {
          const data = parsePayload(PayoutsPage, await clientFor(ctx).request(PAYOUTS_PAGE, { first: PAYOUT_PAGE_SIZES.payouts, after, query }), "payouts page");
          return data.shopifyPaymentsAccount?.payouts ?? null;
        },
        map: mapPayout,
        time: (p: RecordsByKind["payouts"]) => p.issuedAt,
        open: (p) => OPEN_PAYOUT_STATUSES.has(p.status),
        trailingMs: PAYOUT_TRAILING_MS,
      },
      input,
    ),
};

const balanceTransactions: Stream<"payoutBalanceTransactions", "balanceTransactions"> = {
  name: "balanceTransactions",
  kind: "payoutBalanceTransactions",
  requiredScopes: ["read_shopify_payments_payouts"],
  readPage: (input) =>
    windowPage(
      {
        field: "processed_at",
        async fetch(ctx, query, after) {
          const data = parsePayload(
            BalanceTransactionsPage,
            await clientFor(ctx).request(BALANCE_TRANSACTIONS_PAGE, { first: PAYOUT_PAGE_SIZES.balanceTransactions, after, query }),
            "balance transactions page",
          );
          return data.shopifyPaymentsAccount?.balanceTransactions ?? null;
        },
        map: mapBalanceTransaction,
        time: (t: RecordsByKind["payoutBalanceTransactions"]) => t.transactionDate,
        // Pending: read again until a payout takes it.
        open: (t) => t.payoutExternalId === null,
        trailingMs: OVERLAP_MS,
      },
      input,
    ),
};

/** After the orders they settle. */
export const PAYOUT_STREAMS = [payouts, balanceTransactions] as const;
export type PayoutStreamName = (typeof PAYOUT_STREAMS)[number]["name"];
