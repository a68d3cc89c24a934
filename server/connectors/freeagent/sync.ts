import { z } from "zod";
import type { OAuthAccess } from "../_core/auth";
import type { RecordBatch } from "../_core/connector";
import { PermanentError } from "../_core/errors";
import type { ConnectorSync, StreamPosition, SyncChunk, SyncContext } from "../_core/sync";
import { accessLevelScope, MIN_LEVEL, missingLevelWarning, scopesOfLevel } from "./access-levels";
import { MAX_PER_PAGE, type FreeAgentClient, type ListPage } from "./client";
import type { FreeAgentConfig } from "./config";
import { connectionClient, type ClientTuning } from "./context";
import {
  bankAccountRecord,
  bankTransactionRecord,
  billRecord,
  categoryRecord,
  companyRecord,
  contactRecord,
  explanationRecord,
  invoiceRecord,
  ledgerTransactionRecord,
  userRecord,
} from "./mappers";
import { bankAccount, bankTransaction, type BankAccount, bill, categories, CATEGORY_GROUPS, company, contact, explanation, invoice, ledgerTransaction, user } from "./payloads";

// The sync, in an order that makes references resolvable: the company, its users, the chart of
// accounts, contacts, invoices and bills (with their items), bank accounts, their transactions
// (with the explanations FreeAgent embeds: one gone from the list was deleted), explanations, and
// the ledger. A page is a chunk; a read in progress keeps the next page's URL as FreeAgent gave it
// (`state.next`), so a killed run resumes at the page after the last one stored.
//
// Incremental runs: what FreeAgent filters by `updated_since` (invoices, bills, bank transactions,
// explanations) is read from the newest change the last run saw, less an overlap. The rest
// (contacts, categories, users, accounting transactions in 12-month windows from the company's
// start) is read whole again; the writers store only the rows whose content changed.
//
// Access: each stream requires the level FreeAgent asks for it (access-levels.ts); the level is the
// authorising user's, read again from /users/me when a run begins (once a run: the engine keeps it).

export type FreeAgentContext = SyncContext<FreeAgentConfig, OAuthAccess>;

export type FreeAgentSyncOptions = ClientTuning & {
  /** Items per page (FreeAgent allows 1–100). */
  pageSize?: number;
  /** The engine's time per batch (0: one page a batch); default the engine's. */
  batchBudgetMs?: number;
};

/** Rows changed this long before the newest one seen are read again: a change committed while a page was read may carry an earlier time. */
export const OVERLAP_MS = 5 * 60_000;

const DAY_MS = 86_400_000;

type Reader = (ctx: FreeAgentContext, client: FreeAgentClient, from: StreamPosition) => AsyncGenerator<SyncChunk>;

const text = (state: StreamPosition["state"], key: string) => (typeof state[key] === "string" ? (state[key] as string) : undefined);
const newer = (a: string | undefined, b: string) => (!a || Date.parse(b) > Date.parse(a) ? b : a);
const since = (cursor: string | null) => (cursor ? `&updated_since=${encodeURIComponent(cursor)}` : "");

/** A list read page by page from `first`, the next page's URL kept in the state. */
type PagedList<S extends z.ZodType> = {
  key: string;
  item: S;
  records(items: z.output<S>[], observedAt: string): RecordBatch;
  /** Lists read by change: when an item changed (the newest, less the overlap, is the next run's `updated_since`). */
  changedAt?(item: z.output<S>): string;
};

/**
 * The pages of one list from `path` (or the URL a cut-short read kept), each page's records with
 * the position after it: `state.next` while there are more pages, `state.newest` the newest change
 * seen so far (from `newest` on), and `extra` carried in every state (the bank account being read).
 */
async function* pagesOf<S extends z.ZodType>(
  client: FreeAgentClient,
  list: PagedList<S>,
  path: string,
  position: { cursor: string | null; newest: string | undefined; extra: Record<string, unknown> },
): AsyncGenerator<SyncChunk> {
  let { newest } = position;
  for (let url: string | null = path; url; ) {
    const observedAt = new Date().toISOString();
    const page: ListPage<z.output<S>> = await client.page(url, list.key, list.item);
    for (const item of page.items) if (list.changedAt) newest = newer(newest, list.changedAt(item));
    url = page.next;
    const state = { ...position.extra, ...(url ? { next: url } : {}), ...(newest ? { newest } : {}) };
    yield { ...list.records(page.items, observedAt), position: { cursor: position.cursor, state }, progress: progressOf(page) };
  }
}

/** How far the list is, in pages (FreeAgent sends no count of items); the total from rel="last". */
function progressOf(page: ListPage<unknown>): SyncChunk["progress"] {
  return { done: page.pageNumber, total: page.next === null ? page.pageNumber : page.lastPage };
}

const hasNext = (chunk: SyncChunk) => typeof chunk.position.state.next === "string";

/** Where the next run starts reading a list by change: the newest change seen, less the overlap. */
const nextCursor = (newest: string | undefined, cursor: string | null) => (newest ? new Date(Date.parse(newest) - OVERLAP_MS).toISOString() : cursor);

export function createFreeAgentSync(options: FreeAgentSyncOptions = {}): ConnectorSync<FreeAgentConfig, OAuthAccess> {
  const perPage = Math.min(options.pageSize ?? MAX_PER_PAGE, MAX_PER_PAGE);
  const { pageSize: _pageSize, batchBudgetMs, ...tuning } = options;

  /** A list read whole, or by change when it has `changedAt`, as one stream. */
  const paged =
    <S extends z.ZodType>(first: (cursor: string | null) => string, list: PagedList<S>): Reader =>
    async function* (_ctx, client, from) {
      for await (const chunk of pagesOf(client, list, text(from.state, "next") ?? first(from.cursor), { cursor: from.cursor, newest: text(from.state, "newest"), extra: {} })) {
        if (hasNext(chunk)) yield chunk;
        else yield { ...chunk, position: { cursor: list.changedAt ? nextCursor(text(chunk.position.state, "newest"), from.cursor) : null, state: {} }, done: true };
      }
    };

  /**
   * A list FreeAgent serves per bank account (`bank_account` is required), read account by account:
   * the accounts are listed once when the read begins and kept in the state with the one being read.
   */
  const perBankAccount =
    <S extends z.ZodType>(first: (account: string, cursor: string | null) => string, list: PagedList<S>): Reader =>
    async function* (_ctx, client, from) {
      const accounts = Array.isArray(from.state.accounts) ? (from.state.accounts as string[]) : await bankAccountUrls(client, perPage);
      if (accounts.length === 0) yield { ...list.records([], new Date().toISOString()), position: { cursor: from.cursor, state: {} }, done: true };
      const resumeAt = typeof from.state.account === "number" ? from.state.account : 0;
      for (let index = resumeAt, next = text(from.state, "next"), newest = text(from.state, "newest"); index < accounts.length; index++, next = undefined) {
        const extra = { accounts, account: index };
        for await (const chunk of pagesOf(client, list, next ?? first(accounts[index]!, from.cursor), { cursor: from.cursor, newest, extra })) {
          newest = text(chunk.position.state, "newest");
          if (hasNext(chunk)) yield chunk;
          else if (index + 1 < accounts.length) yield { ...chunk, position: { cursor: from.cursor, state: { accounts, account: index + 1, ...(newest ? { newest } : {}) } } };
          else yield { ...chunk, position: { cursor: nextCursor(newest, from.cursor), state: {} }, done: true };
        }
      }
    };

  /** The accounting transactions, in 12-month windows (FreeAgent's longest) from the company's start to the window holding today. */
  const ledger: Reader = async function* (_ctx, client, from) {
    const start = text(from.state, "start") ?? (await companyStart(client));
    const today = new Date().toISOString().slice(0, 10);
    let windowFrom = text(from.state, "from") ?? start;
    let next = text(from.state, "next");
    const list: PagedList<typeof ledgerTransaction> = { key: "transactions", item: ledgerTransaction, records: (items, observedAt) => ({ kind: "ledgerTransactions", records: items.map((t) => ledgerTransactionRecord(t, observedAt)) }) };
    for (;;) {
      const windowTo = lastDayOfYearFrom(windowFrom);
      const lastWindow = windowTo >= today;
      const path = `/accounting/transactions?from_date=${windowFrom}&to_date=${windowTo}&per_page=${perPage}`;
      const pages = pagesOf(client, list, next ?? path, { cursor: null, newest: undefined, extra: { start, from: windowFrom } });
      for await (const chunk of pages) {
        if (hasNext(chunk)) yield chunk;
        else if (!lastWindow) yield { ...chunk, position: { cursor: null, state: { start, from: dayAfter(windowTo) } } };
        else yield { ...chunk, position: { cursor: null, state: {} }, done: true };
      }
      if (lastWindow) return;
      windowFrom = dayAfter(windowTo);
      next = undefined;
    }
  };

  const readers: Record<string, Reader> = {
    company: async function* (_ctx, client) {
      const observedAt = new Date().toISOString();
      const { body } = await client.get("/company", companyBody);
      yield { kind: "accountingCompanies", records: [companyRecord(body.company, observedAt)], position: { cursor: null, state: {} }, done: true };
    },
    users: paged(() => `/users?per_page=${perPage}`, { key: "users", item: user, records: (items, observedAt) => ({ kind: "accountingUsers", records: items.map((u) => userRecord(u, observedAt)) }) }),
    categories: async function* (_ctx, client) {
      const observedAt = new Date().toISOString();
      const { body } = await client.get("/categories", categories);
      const records = Object.entries(CATEGORY_GROUPS).flatMap(([key, group]) => (body[key as keyof typeof CATEGORY_GROUPS] ?? []).map((c) => categoryRecord(c, group, observedAt)));
      yield { kind: "accountingCategories", records, position: { cursor: null, state: {} }, done: true };
    },
    contacts: paged(() => `/contacts?view=all&per_page=${perPage}`, { key: "contacts", item: contact, records: (items, observedAt) => ({ kind: "accountingContacts", records: items.map((c) => contactRecord(c, observedAt)) }) }),
    // A list's invoices carry their items only when asked (docs/invoices: nested_invoice_items).
    invoices: paged((cursor) => `/invoices?view=all&nested_invoice_items=true&per_page=${perPage}${since(cursor)}`, {
      key: "invoices",
      item: invoice,
      records: (items, observedAt) => ({ kind: "invoices", records: items.map((i) => invoiceRecord(i, observedAt)) }),
      changedAt: (i) => i.updated_at,
    }),
    // Bills carry their bill_items for every integration made since 19 May 2021 (api-discuss #2424).
    bills: paged((cursor) => `/bills?view=all&per_page=${perPage}${since(cursor)}`, {
      key: "bills",
      item: bill,
      records: (items, observedAt) => ({ kind: "bills", records: items.map((b) => billRecord(b, observedAt)) }),
      changedAt: (b) => b.updated_at,
    }),
    bankAccounts: paged(() => `/bank_accounts?per_page=${perPage}`, { key: "bank_accounts", item: bankAccount, records: (items, observedAt) => ({ kind: "bankAccounts", records: items.map((a) => bankAccountRecord(a, observedAt)) }) }),
    bankTransactions: perBankAccount((account, cursor) => `/bank_transactions?bank_account=${encodeURIComponent(account)}&per_page=${perPage}${since(cursor)}`, {
      key: "bank_transactions",
      item: bankTransaction,
      records: (items, observedAt) => ({ kind: "bankTransactions", records: items.map((t) => bankTransactionRecord(t, observedAt)) }),
      changedAt: (t) => t.updated_at,
    }),
    bankTransactionExplanations: perBankAccount((account, cursor) => `/bank_transaction_explanations?bank_account=${encodeURIComponent(account)}&per_page=${perPage}${since(cursor)}`, {
      key: "bank_transaction_explanations",
      item: explanation,
      records: (items, observedAt) => ({ kind: "bankTransactionExplanations", records: items.map((e) => explanationRecord(e, observedAt)) }),
      changedAt: (e) => e.updated_at,
    }),
    ledgerTransactions: ledger,
  };

  const stream = (name: string, label: string, kind: RecordBatch["kind"], level: number) => ({ name, label, kind, requiredScopes: [accessLevelScope(level)] });

  return {
    streams: [
      stream("company", "Company", "accountingCompanies", MIN_LEVEL.company),
      stream("users", "Users", "accountingUsers", MIN_LEVEL.users),
      stream("categories", "Categories", "accountingCategories", MIN_LEVEL.categories),
      stream("contacts", "Contacts", "accountingContacts", MIN_LEVEL.contacts),
      stream("invoices", "Invoices", "invoices", MIN_LEVEL.invoices),
      stream("bills", "Bills", "bills", MIN_LEVEL.bills),
      stream("bankAccounts", "Bank accounts", "bankAccounts", MIN_LEVEL.bankAccounts),
      stream("bankTransactions", "Bank transactions", "bankTransactions", MIN_LEVEL.bankTransactions),
      stream("bankTransactionExplanations", "Bank transaction explanations", "bankTransactionExplanations", MIN_LEVEL.explanations),
      stream("ledgerTransactions", "Accounting transactions", "ledgerTransactions", MIN_LEVEL.accountingTransactions),
    ],
    batchBudgetMs,
    async grantedScopes(ctx) {
      const { body } = await connectionClient(ctx, ctx.deadline, tuning).get("/users/me", meBody);
      return scopesOfLevel(body.user.permission_level);
    },
    describeMissingScopes: missingLevelWarning,
    read(ctx, name, from) {
      const reader = Object.hasOwn(readers, name) ? readers[name] : undefined;
      if (!reader) throw new PermanentError(`FreeAgent has no stream named ${name}`);
      return reader(ctx, connectionClient(ctx, ctx.deadline, tuning), from);
    },
  };
}

const companyBody = z.looseObject({ company });
const meBody = z.looseObject({ user });

/** Every bank account's URL (the lists that need one are read account by account). */
async function bankAccountUrls(client: FreeAgentClient, perPage: number): Promise<string[]> {
  const urls: string[] = [];
  for (let url: string | null = `/bank_accounts?per_page=${perPage}`; url; ) {
    const page: ListPage<BankAccount> = await client.page(url, "bank_accounts", bankAccount);
    urls.push(...page.items.map((a) => a.url));
    url = page.next;
  }
  return urls;
}

/** Where the company's books begin: its start date, else a year before its first year end. */
async function companyStart(client: FreeAgentClient): Promise<string> {
  const { body } = await client.get("/company", companyBody);
  const { company_start_date: started, first_accounting_year_end: firstYearEnd } = body.company;
  if (started) return started;
  if (firstYearEnd) return dayAfter(firstYearEnd.replace(/^\d{4}/, (year) => String(Number(year) - 1)));
  throw new PermanentError("FreeAgent's company has neither a start date nor a first accounting year end: the accounting transactions cannot be dated");
}

/** The last day of the 12 months starting `from` (YYYY-MM-DD). */
export function lastDayOfYearFrom(from: string): string {
  const start = new Date(`${from}T00:00:00Z`);
  return new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate()) - DAY_MS).toISOString().slice(0, 10);
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
