import type { AnalyticsPurchaseDayRecord, AnalyticsPurchaseRow } from "../_core/records";
import { PermanentError } from "../_core/errors";
import type { ConnectorSync, StreamPosition, SyncChunk, SyncContext } from "../_core/sync";
import { Ga4DataClient, type Ga4DataClientOptions } from "./client";
import type { Ga4Config } from "./config";
import { addDays, dayIn, daysFrom, monthsBefore } from "./days";
import { purchaseRows } from "./mappers";
import { PropertyQuotaPacing } from "./quota";
import { MAX_ROWS_PER_REQUEST, purchaseReportRequest } from "./report";
import { reportPages } from "./report-pages";

// One stream, the property's purchase report by day (report.ts), stored a day at a time: each
// chunk carries every day its rows complete (days without purchases as empty days), so a stored
// day is always the property's whole day and a re-read replaces it exactly
// (server/ingest/analytics-purchases.ts). Rows come ordered by date, so a day is complete once a
// later day's row arrives or the report ends; a day longer than a page waits for its next page.
//
// The first run reads from `backfillMonths` before today; each later run from `trailingDays`
// before its own today (GA4 keeps processing a day's events for 24–48 h: the last days are read
// again every run, rows that arrived late added, rows gone removed), to today, in the property's
// time zone. A read in progress keeps where it is (`state.next`, the first day not yet stored, and
// `state.until`), so a killed or paused run goes on from the day after the last one stored. A
// purchase GA4 adds between two pages of a report shifts the offsets after it; only recent days
// get those, and the next run reads them again.
//
// Quotas (quota.ts): every report asks for the property's quota; the pages of one report are
// requested `concurrency` at a time, and none is started once the hour's or day's tokens are down
// to the reserve; the batch then ends with AllowanceExhaustedError after storing what it has.

/** What the sync needs of the connection's credentials, whichever way it was made (service account or sign-in). */
type Credentials = { accessToken: string };
type Ga4SyncContext = SyncContext<Ga4Config, Credentials>;

export type Ga4SyncOptions = Pick<Ga4DataClientOptions, "timeoutMs" | "sleep" | "onRequest"> & {
  /** Rows per runReport page (Google's largest is 250,000). */
  pageSize?: number;
  /** Pages of a report requested at once (a standard property allows 10 concurrent requests, shared with its other users). */
  concurrency?: number;
  /** Days read again every run, today included. */
  trailingDays?: number;
  /** How far back the first run reads. */
  backfillMonths?: number;
  /** Share of each hourly and daily token budget left to the property's other users. */
  quotaReserve?: number;
  /** The engine's time per batch (0: one chunk a batch); default the engine's. */
  batchBudgetMs?: number;
  /** The clock the property's today and the quota windows are read on. */
  now?: () => number;
};

const PURCHASES_STREAM = "purchases";

const DEFAULTS = { pageSize: 100_000, concurrency: 3, trailingDays: 3, backfillMonths: 13, quotaReserve: 0.1, now: Date.now };
type Tuning = Ga4SyncOptions & typeof DEFAULTS;

type Settings = { propertyId: string; propertyName: string | undefined; timeZone: string; currencyCode: string | null; who: string | null };

/** What the connect stored of the property (server/connectors/ga4/accounts.ts). */
function settingsOf(ctx: Ga4SyncContext): Settings {
  const text = (key: string) => (typeof ctx.settings[key] === "string" && ctx.settings[key] ? (ctx.settings[key] as string) : undefined);
  const propertyId = text("propertyId");
  if (!propertyId || !/^\d+$/.test(propertyId)) throw new PermanentError("This GA4 connection has no property chosen: reconnect it and choose the property to read");
  return { propertyId, propertyName: text("propertyName"), timeZone: text("timeZone") ?? "UTC", currencyCode: text("currencyCode") ?? null, who: text("serviceAccountEmail") ?? null };
}

/** The purchase report's days from the stream's position on, as chunks of complete days. */
async function* readPurchases(ctx: Ga4SyncContext, from: StreamPosition, options: Tuning): AsyncGenerator<SyncChunk> {
  const { propertyId, propertyName, timeZone, currencyCode, who } = settingsOf(ctx);
  const { now, pageSize, concurrency, trailingDays, backfillMonths, quotaReserve } = options;
  const today = dayIn(timeZone, now());
  const trailingStart = addDays(today, 1 - trailingDays);
  const start = typeof from.state.next === "string" ? from.state.next : from.cursor ? (from.cursor < trailingStart ? from.cursor : trailingStart) : monthsBefore(today, backfillMonths);
  const end = typeof from.state.until === "string" ? from.state.until : today;
  // Where the next run starts: the trailing window of this read's last day.
  const nextCursor = addDays(end, 1 - trailingDays);
  const kind = "analyticsPurchaseDays" as const;
  if (start > end) {
    yield { kind, records: [], position: { cursor: nextCursor, state: {} }, done: true };
    return;
  }

  const observedAt = new Date(now()).toISOString();
  const pacing = new PropertyQuotaPacing(quotaReserve, now);
  const client = new Ga4DataClient({
    dataApiUrl: ctx.config.dataApiUrl,
    propertyId,
    propertyName,
    who,
    token: async (refused) => (await ctx.credentials(refused ? { refused } : undefined)).accessToken,
    deadline: ctx.deadline,
    now,
    timeoutMs: options.timeoutMs,
    sleep: options.sleep,
    onRequest: options.onRequest,
  });
  const fetch = (offset: number, signal: AbortSignal) => client.runReport(purchaseReportRequest({ startDate: start, endDate: end, offset, limit: pageSize }), signal);

  const pending = new Map<string, AnalyticsPurchaseRow[]>();
  let stored = addDays(start, -1);
  let latest = start;
  for await (const { report, offset } of reportPages(fetch, pageSize, concurrency, pacing)) {
    const currency = report.metadata.currencyCode ?? currencyCode;
    if (!currency) throw new PermanentError(`GA4 answered the purchase report of properties/${propertyId} without its currency`);
    for (const { date, row } of purchaseRows(report)) {
      if (date < latest || date > end) throw new PermanentError(`GA4 answered the purchase report of properties/${propertyId} out of date order or range: a row of ${date} after one of ${latest} (asked: ${start} to ${end}, by date)`);
      latest = date;
      const rows = pending.get(date);
      if (rows) rows.push(row);
      else pending.set(date, [row]);
    }
    const last = offset + report.rows.length >= report.rowCount || report.rows.length === 0;
    // Without the last page, the last day seen may go on in the next.
    const complete = last ? end : addDays(latest, -1);
    if (complete <= stored) continue;
    const records: AnalyticsPurchaseDayRecord[] = [];
    for (let day = addDays(stored, 1); day <= complete; day = addDays(day, 1)) {
      records.push({ date: day, currency, rows: pending.get(day) ?? [], observedAt });
      pending.delete(day);
    }
    stored = complete;
    const progress = { done: daysFrom(start, complete), total: daysFrom(start, end) };
    if (last) {
      yield { kind, records, position: { cursor: nextCursor, state: {} }, progress, done: true };
      return;
    }
    yield { kind, records, position: { cursor: from.cursor, state: { next: addDays(complete, 1), until: end } }, progress };
  }
}

export function createGa4Sync(options: Ga4SyncOptions = {}): ConnectorSync<Ga4Config, Credentials> {
  const tuned: Tuning = { ...DEFAULTS, ...options, pageSize: Math.min(options.pageSize ?? DEFAULTS.pageSize, MAX_ROWS_PER_REQUEST) };
  return {
    streams: [{ name: PURCHASES_STREAM, label: "Purchases", kind: "analyticsPurchaseDays", requiredScopes: [] }],
    batchBudgetMs: options.batchBudgetMs,
    read(ctx, stream, from) {
      if (stream !== PURCHASES_STREAM) throw new PermanentError(`GA4 has no stream named ${stream}`);
      return readPurchases(ctx, from, tuned);
    },
  };
}
