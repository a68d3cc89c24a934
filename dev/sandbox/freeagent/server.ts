// The sandbox FreeAgent: the v2 routes a connector reads (and explanations it writes), behind
// OAuth, per-resource access levels, FreeAgent's per-user limits and injectable faults; a state
// file for what must survive restarts. What is confirmed and what is not: CONTRACT-NOTES.md.
import type { IncomingMessage } from "node:http";
import { authenticate, bearerToken } from "../_kit/auth";
import { systemClock, type Clock } from "../_kit/clock";
import { Collection } from "../_kit/collection";
import { answerFault, FaultPlan, type FaultSpec } from "../_kit/faults";
import { BadRequestBody, readJson, sendAnswer, type HttpAnswer } from "../_kit/http";
import { authorizeEndpoint, tokenEndpoint, type TokenEndpointConfig } from "../_kit/oauth";
import { TokenStore, type TokenState } from "../_kit/oauth-tokens";
import { linkHeader, pageLinks, pageOf, PageParamError, readPage } from "../_kit/pagination";
import { allOf, FixedWindowLimiter } from "../_kit/rate-limits";
import { Router, type RouteContext } from "../_kit/router";
import { startSandboxServer } from "../_kit/server";
import { SnapshotBuilder, type Snapshot } from "../_kit/snapshot";
import { StateFile } from "../_kit/state-file";
import { ADMIN_USER_ID, badRequest, DEMO_USERS, FAULT_SHAPES, forbidden, FREEAGENT_DEV, MIN_LEVEL, notFound, oauthError, RATE_LIMITS, TOKEN_LIFETIMES, tokenResponse, tooManyRequests, unauthorized, unprocessable } from "./config";
import { BankLedger, type BankLedgerState } from "./bank-ledger";
import { BANK_ACCOUNTS, CATEGORIES, decimalToCents, generateCompany, ID_BASE, isoDay, MAIN_ACCOUNT_ID, type AccountingTransactionRecord, type BankTransactionRecord, type ExplanationRecord, type GeneratorOptions, type InvoiceRecord } from "./generate";
import { accountingTransactionView, bankAccountView, bankTransactionView, billView, categoriesView, categoryView, companyView, contactView, explanationView, invoiceView, userView } from "./views";

export const FAULT_POINTS = ["api", "token"] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export interface FreeAgentSandboxOptions extends GeneratorOptions {
  clock?: Clock;
  port?: number;
  host?: string;
  /** Redirect URIs the dev OAuth app registered. Default: any. */
  redirectUris?: string[];
  /** JSON file keeping tokens and bank changes (transactions, explanations) across restarts. */
  stateFile?: string;
  /**
   * A compressed clock for the per-user limits (npm run bench:freeagent): the same counts in
   * windows this many times shorter (120 per 60/f s, 3,600 per 3,600/f s), everything else on the
   * real clock. A divisor of 60, so each window stays whole seconds as the 429 names it. Default 1.
   */
  rateLimitCompression?: number;
}

/** Every resource a synced database holds, projected as the database side reads it back. */
export type SnapshotProjection = Partial<Record<SnapshotResource, (view: never) => unknown>>;
type SnapshotResource = "company" | "users" | "contacts" | "categories" | "bank_accounts" | "bank_transactions" | "bank_transaction_explanations" | "invoices" | "bills" | "accounting_transactions";

const PAGE_SIZES = { default: 25, max: 100 };
const MINUTE = 60_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type User = (typeof DEMO_USERS)[number];
interface ApiContext extends RouteContext {
  req: IncomingMessage;
  user: User;
}

/** The id at the end of a reference: FreeAgent takes a resource's URL or its bare id. */
function idOf(reference: string): number | undefined {
  const id = /(?:^|\/)(\d+)$/.exec(reference.trim())?.[1];
  return id === undefined ? undefined : Number(id);
}

function dateParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === "") return undefined;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new PageParamError(name, `${name} must be a date (YYYY-MM-DD)`);
  return value;
}

function timestampParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === "") return undefined;
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at)) throw new PageParamError(name, `${name} must be an ISO 8601 timestamp`);
  return at;
}

/** The dated and updated filters FreeAgent's lists share. */
function readWindow(url: URL, withUpdatedSince: boolean) {
  const from = dateParam(url, "from_date");
  const to = dateParam(url, "to_date");
  const updatedSince = withUpdatedSince ? timestampParam(url, "updated_since") : undefined;
  return <T extends { datedOn: string; updatedAt: number }>(r: T) => (!from || r.datedOn >= from) && (!to || r.datedOn <= to) && (updatedSince === undefined || r.updatedAt >= updatedSince);
}

/** The per-user windows' lengths, `compression` times shorter than FreeAgent's minute and hour. */
function limitWindowsMs(compression: number): { minute: number; hour: number } {
  if (!Number.isInteger(compression) || compression < 1 || 60 % compression !== 0) throw new RangeError(`rateLimitCompression must divide 60, not ${compression}`);
  return { minute: MINUTE / compression, hour: (60 * MINUTE) / compression };
}

/** The last day a period starting `from` may end on: 12 months, less a day. */
function lastDayOfYearFrom(from: string): string {
  const start = new Date(`${from}T00:00:00Z`);
  return isoDay(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate()) - 86_400_000);
}

export async function startFreeAgentSandbox(options: FreeAgentSandboxOptions) {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const company = generateCompany(options);
  const ledger = new BankLedger(company, clock);
  const { transactions, explanations } = ledger;
  const invoices = new Collection<InvoiceRecord, InvoiceRecord>({ count: options.volume.invoices, firstId: ID_BASE.invoice, generate: company.invoice, summarize: (i) => i });
  const accounting = new Collection<AccountingTransactionRecord, AccountingTransactionRecord>({ count: company.accountingCount, firstId: ID_BASE.accountingTransaction, generate: company.accountingTransaction, summarize: (t) => t });
  const tokens = new TokenStore({ clock, rotation: "strict", lifetimes: TOKEN_LIFETIMES, prefixes: { access: "fa_at_", refresh: "fa_rt_" } });
  const faults = new FaultPlan<FaultPoint>(FAULT_POINTS);
  const windowMs = limitWindowsMs(options.rateLimitCompression ?? 1);
  const perMinute = new FixedWindowLimiter({ limit: RATE_LIMITS.perMinute, windowMs: windowMs.minute, clock });
  const perHour = new FixedWindowLimiter({ limit: RATE_LIMITS.perHour, windowMs: windowMs.hour, clock });
  const limits = allOf(perMinute, perHour);
  // First, so a refusal of both names the test limit (they reset together).
  const testLimits = allOf(new FixedWindowLimiter({ limit: RATE_LIMITS.testPerMinute, windowMs: windowMs.minute, clock }), perMinute, perHour);
  /** What the per-user limits decided since the start: let through, and refused with a 429. */
  const requests = { allowed: 0, refused: 0 };
  const refreshLimit = new FixedWindowLimiter({ limit: RATE_LIMITS.refreshesPerMinute, windowMs: MINUTE, clock });
  const client = { ...FREEAGENT_DEV.client, redirectUris: options.redirectUris };
  const oauth: TokenEndpointConfig = {
    client: (id) => (id === client.clientId ? client : undefined),
    clientAuth: ["basic"],
    tokens,
    tokenResponse,
    error: oauthError,
    limitGrant: (grantType, c) => {
      if (grantType !== "refresh_token") return undefined;
      const decision = refreshLimit.take(c.clientId);
      return decision.allowed ? undefined : tooManyRequests(decision);
    },
  };
  /** The API's base: identity URLs do not depend on the host a client used. */
  let base = "";

  // ---- plumbing --------------------------------------------------------------------------------
  const routes = new Router();

  /** A request of the API: faults, the bearer token, the per-user limits, the access level, then the handler. */
  function api(method: "GET" | "POST" | "DELETE", path: string, minLevel: number, handler: (ctx: ApiContext) => HttpAnswer | Promise<HttpAnswer>): void {
    routes.on(method, path, async (req, res, ctx) => {
      const fault = faults.take("api", "");
      if (answerFault(res, fault, FAULT_SHAPES)) return;
      const auth = authenticate(bearerToken(req), { tokens }, fault);
      if (!auth.ok) return unauthorized(auth.reason);
      const user = DEMO_USERS.find((u) => String(u.id) === auth.subject);
      if (!user) return unauthorized("unknown");
      const decision = (req.headers["x-ratelimit-test"] === "true" ? testLimits : limits).take(String(user.id));
      requests[decision.allowed ? "allowed" : "refused"]++;
      if (!decision.allowed) return tooManyRequests(decision, (decision.limit === RATE_LIMITS.perHour ? windowMs.hour : windowMs.minute) / 1000);
      if (user.permission_level < minLevel) return forbidden();
      let answer: HttpAnswer;
      try {
        answer = await handler({ ...ctx, req, user });
      } catch (error) {
        if (error instanceof PageParamError) return badRequest(error.message);
        if (error instanceof BadRequestBody) return badRequest(error.message);
        throw error;
      }
      sendAnswer(res, answer, fault?.kind === "truncated");
    });
  }

  /** One page of a list in its plural envelope, with the RFC 5988 `Link` header FreeAgent sends. */
  function list<T>(url: URL, key: string, items: readonly T[], view: (item: T) => unknown): HttpAnswer {
    const page = pageOf(items, readPage(url, { page: "page", perPage: "per_page" }, PAGE_SIZES));
    const links = pageLinks(url, page, "page");
    return { status: 200, headers: { Link: linkHeader({ prev: links.prev, next: links.next, first: links.first, last: links.last }) }, body: { [key]: page.items.map(view) } };
  }

  const one = (key: string, view: unknown | undefined): HttpAnswer => (view === undefined ? notFound() : { status: 200, body: { [key]: view } });
  const byId = <T extends { id: number }>(items: readonly T[], id: string) => items.find((item) => String(item.id) === id);

  const transactionView = (tx: BankTransactionRecord) => bankTransactionView(base, tx, ledger.explanationsOf(tx));

  /** The bank account a list is for: its `bank_account` parameter, required. */
  function requiredBankAccount(url: URL) {
    const reference = url.searchParams.get("bank_account");
    if (!reference) throw new PageParamError("bank_account", "bank_account is required");
    const account = BANK_ACCOUNTS.find((a) => a.id === idOf(reference));
    if (!account) throw new PageParamError("bank_account", "bank_account is not a bank account of this company");
    return account;
  }

  // ---- OAuth -----------------------------------------------------------------------------------
  routes.on(["GET", "POST"], "/v2/approve_app", (req, _res, { url }) =>
    authorizeEndpoint(req, url, {
      provider: "Sandbox FreeAgent · Demo Brand Ltd",
      appName: "Meridian",
      heading: "Approve Meridian",
      approveLabel: "Approve",
      client: oauth.client,
      parseScope: () => ["Read and change your FreeAgent data, up to your own access level"],
      tokens,
      // The consent is given by the signed-in user: the demo's admin.
      approve: () => ({ scope: "", subject: String(ADMIN_USER_ID) }),
    }),
  );
  routes.on("POST", "/v2/token_endpoint", async (req, res, { url }) => {
    const fault = faults.take("token", "");
    if (answerFault(res, fault, FAULT_SHAPES)) return;
    if (fault?.kind === "revoked") tokens.revokeAll();
    sendAnswer(res, await tokenEndpoint(req, url, oauth), fault?.kind === "truncated");
  });

  // ---- company, users, contacts, categories ------------------------------------------------------
  api("GET", "/v2/company", MIN_LEVEL.company, () => one("company", companyView(base, options.epoch)));
  api("GET", "/v2/users/me", MIN_LEVEL.me, ({ user }) => one("user", userView(base, user, options.epoch)));
  api("GET", "/v2/users", MIN_LEVEL.users, ({ url }) => list(url, "users", DEMO_USERS, (u) => userView(base, u, options.epoch)));
  api("GET", "/v2/users/{id}", MIN_LEVEL.users, ({ params }) => {
    const user = byId(DEMO_USERS, params.id!);
    return one("user", user && userView(base, user, options.epoch));
  });
  api("GET", "/v2/contacts", MIN_LEVEL.contacts, ({ url }) => list(url, "contacts", company.contacts, (c) => contactView(base, c)));
  api("GET", "/v2/contacts/{id}", MIN_LEVEL.contacts, ({ params }) => {
    const contact = byId(company.contacts, params.id!);
    return one("contact", contact && contactView(base, contact));
  });
  api("GET", "/v2/categories", MIN_LEVEL.categories, () => ({ status: 200, body: categoriesView(base) }));
  api("GET", "/v2/categories/{code}", MIN_LEVEL.categories, ({ params }) => {
    const category = CATEGORIES.find((c) => c.nominalCode === params.code);
    return one("category", category && categoryView(base, category));
  });

  // ---- invoices, bills ----------------------------------------------------------------------------
  api("GET", "/v2/invoices", MIN_LEVEL.invoices, ({ url }) => {
    const inWindow = readWindow(url, true);
    return list(url, "invoices", invoices.sortedBy("dated_on", (i) => i.datedOn).filter(inWindow), (i) => invoiceView(base, i, options.epoch));
  });
  api("GET", "/v2/invoices/{id}", MIN_LEVEL.invoices, ({ params }) => {
    const invoice = invoices.get(Number(params.id));
    return one("invoice", invoice && invoiceView(base, invoice, options.epoch));
  });
  api("GET", "/v2/bills", MIN_LEVEL.bills, ({ url }) => list(url, "bills", company.bills.filter(readWindow(url, true)), (b) => billView(base, b)));
  api("GET", "/v2/bills/{id}", MIN_LEVEL.bills, ({ params }) => {
    const bill = byId(company.bills, params.id!);
    return one("bill", bill && billView(base, bill));
  });

  // ---- banking -------------------------------------------------------------------------------------
  function accountView(account: (typeof BANK_ACCOUNTS)[number]) {
    const { cents, latest } = ledger.balanceOf(account.id);
    return bankAccountView(base, account, account.openingCents + cents, latest, options.epoch);
  }
  api("GET", "/v2/bank_accounts", MIN_LEVEL.bankAccounts, ({ url }) => list(url, "bank_accounts", BANK_ACCOUNTS, accountView));
  api("GET", "/v2/bank_accounts/{id}", MIN_LEVEL.bankAccounts, ({ params }) => {
    const account = byId(BANK_ACCOUNTS, params.id!);
    return one("bank_account", account && accountView(account));
  });

  const TRANSACTION_VIEWS: Record<string, (tx: BankTransactionRecord) => boolean> = {
    all: () => true,
    unexplained: (tx) => ledger.unexplainedCents(tx) !== 0,
    explained: (tx) => ledger.unexplainedCents(tx) === 0,
    manual: (tx) => tx.isManual,
    imported: (tx) => !tx.isManual,
  };
  api("GET", "/v2/bank_transactions", MIN_LEVEL.bankTransactions, ({ url }) => {
    const account = requiredBankAccount(url);
    const inWindow = readWindow(url, true);
    const viewName = url.searchParams.get("view") ?? "all";
    const inView = TRANSACTION_VIEWS[viewName];
    if (!inView) throw new PageParamError("view", `view must be one of ${Object.keys(TRANSACTION_VIEWS).join(", ")}`);
    const items = transactions.sortedBy("dated_on", (t) => t.datedOn).filter((tx) => tx.bankAccountId === account.id && inWindow(tx) && inView(tx));
    return list(url, "bank_transactions", items, transactionView);
  });
  api("GET", "/v2/bank_transactions/{id}", MIN_LEVEL.bankTransactions, ({ params }) => {
    const tx = transactions.get(Number(params.id));
    return one("bank_transaction", tx && transactionView(tx));
  });

  const explanationOf = (e: ExplanationRecord) => explanationView(base, e);
  api("GET", "/v2/bank_transaction_explanations", MIN_LEVEL.explanations, ({ url }) => {
    const account = requiredBankAccount(url);
    const inWindow = readWindow(url, true);
    const items = explanations.sortedBy("dated_on", (e) => e.datedOn).filter((e) => e.bankAccountId === account.id && inWindow(e));
    return list(url, "bank_transaction_explanations", items, explanationOf);
  });
  api("GET", "/v2/bank_transaction_explanations/{id}", MIN_LEVEL.explanations, ({ params }) => {
    const explanation = explanations.get(Number(params.id));
    return one("bank_transaction_explanation", explanation && explanationOf(explanation));
  });
  api("POST", "/v2/bank_transaction_explanations", MIN_LEVEL.explanations, async ({ req }) => createExplanation(await readJson(req)));
  api("DELETE", "/v2/bank_transaction_explanations/{id}", MIN_LEVEL.explanations, ({ params }) => (ledger.unexplain(Number(params.id)) ? { status: 200 } : notFound()));

  /**
   * `POST /v2/bank_transaction_explanations` with `{"bank_transaction_explanation": {...}}`: explains
   * part of a bank transaction with a value of either sign (a deposit split into sales, fees and
   * refunds); only zero is refused [U: FreeAgent's wording is not published]. The sandbox requires
   * `bank_transaction` (FreeAgent also takes `bank_account` alone, making a manual transaction: not
   * served).
   */
  function createExplanation(body: unknown): HttpAnswer {
    const input = (body as { bank_transaction_explanation?: Record<string, unknown> } | undefined)?.bank_transaction_explanation;
    if (!input || typeof input !== "object") return badRequest("bank_transaction_explanation is required");
    const field = (name: string) => (typeof input[name] === "string" ? (input[name] as string) : undefined);
    const txRef = field("bank_transaction");
    if (!txRef) return unprocessable("bank_transaction is required");
    const tx = transactions.get(idOf(txRef) ?? -1);
    if (!tx) return unprocessable("bank_transaction: Bank transaction not found");
    const datedOn = field("dated_on");
    if (!datedOn || !DATE.test(datedOn)) return unprocessable("dated_on must be a date (YYYY-MM-DD)");
    let grossCents: number;
    try {
      grossCents = decimalToCents(field("gross_value") ?? "", "gross_value");
    } catch (error) {
      return unprocessable((error as Error).message);
    }
    const categoryCode = /(?:^|\/)(\d{3})$/.exec(field("category") ?? "")?.[1];
    if (!categoryCode || !CATEGORIES.some((c) => c.nominalCode === categoryCode)) return unprocessable("category must be the URL of a category of this company");
    const record = ledger.explain(tx, { datedOn, grossCents, categoryCode, description: field("description") ?? tx.description });
    if ("refused" in record) return unprocessable(record.refused);
    return { status: 201, headers: { Location: `${base}/bank_transaction_explanations/${record.id}` }, body: { bank_transaction_explanation: explanationOf(record) } };
  }

  // ---- accounting transactions ------------------------------------------------------------------
  /** The current accounting year's start: the company's year ends on 31 March. */
  const yearStart = () => {
    const today = isoDay(now());
    const year = Number(today.slice(0, 4)) - (today.slice(5) < "04-01" ? 1 : 0);
    return `${year}-04-01`;
  };
  api("GET", "/v2/accounting/transactions", MIN_LEVEL.accountingTransactions, ({ url }) => {
    const from = dateParam(url, "from_date") ?? yearStart();
    const to = dateParam(url, "to_date") ?? isoDay(now());
    if (to < from) throw new PageParamError("to_date", "to_date must not be before from_date");
    if (to > lastDayOfYearFrom(from)) throw new PageParamError("to_date", "The period from from_date to to_date must not exceed 12 months");
    const nominalCode = url.searchParams.get("nominal_code");
    const items = accounting.sortedBy("dated_on", (t) => t.datedOn).filter((t) => t.datedOn >= from && t.datedOn <= to && (!nominalCode || t.categoryCode === nominalCode));
    return list(url, "transactions", items, (t) => accountingTransactionView(base, t));
  });
  api("GET", "/v2/accounting/transactions/{id}", MIN_LEVEL.accountingTransactions, ({ params }) => {
    const t = accounting.get(Number(params.id));
    return one("transaction", t && accountingTransactionView(base, t));
  });

  // ---- controls --------------------------------------------------------------------------------
  /** A new bank feed line (a payout deposit arriving, a late supplier payment). */
  function addBankTransaction(input: { bankAccount?: number; datedOn: string; amount: string; description?: string }) {
    if (!DATE.test(String(input.datedOn))) throw new Error("datedOn must be YYYY-MM-DD");
    const bankAccountId = input.bankAccount ?? MAIN_ACCOUNT_ID;
    if (!BANK_ACCOUNTS.some((a) => a.id === bankAccountId)) throw new Error(`No bank account ${bankAccountId}`);
    return transactionView(ledger.addTransaction({ bankAccountId, datedOn: input.datedOn, amountCents: decimalToCents(String(input.amount), "amount"), description: input.description ?? "BANK TRANSFER" }));
  }

  /** Tokens for one of the demo users, as if they had approved the app themselves (tests of lower access levels). */
  function issueToken(input: { userId?: number }) {
    const user = DEMO_USERS.find((u) => u.id === (input.userId ?? ADMIN_USER_ID));
    if (!user) throw new Error(`No user ${input.userId}; users: ${DEMO_USERS.map((u) => `${u.id} (level ${u.permission_level})`).join(", ")}`);
    return tokenResponse(tokens.issue({ scope: "", clientId: client.clientId, subject: String(user.id) }));
  }

  /** FreeAgent revokes a refresh token (the user disconnected the app): its grant goes; with none named, every grant. */
  function revokeRefreshToken(input: { refreshToken?: string }) {
    if (input.refreshToken) tokens.revoke(input.refreshToken);
    else tokens.revokeAll();
  }

  function advanceClock(input: { ms?: number }) {
    const manual = clock as Clock & { advance?: (ms: number) => void };
    if (!manual.advance) throw new Error("The sandbox runs on the system clock: advanceClock needs a manual clock");
    manual.advance(Number(input.ms ?? 0));
    return { now: new Date(now()).toISOString() };
  }

  // ---- state, snapshot -------------------------------------------------------------------------
  type Kept = { tokens: TokenState; bank: BankLedgerState };
  const state = options.stateFile
    ? new StateFile<Kept>(
        options.stateFile,
        {
          exportState: () => ({ tokens: tokens.exportState(), bank: ledger.exportState() }),
          importState: (saved) => {
            tokens.importState(saved.tokens);
            ledger.importState(saved.bank);
          },
          version: () => `${tokens.revision}:${ledger.version}`,
        },
        { name: "freeagent-sandbox", format: 1 },
      )
    : undefined;
  state?.load();

  /** Counts and checksums per resource, records as the API serves them (or projected), in id order. */
  function snapshot(project: SnapshotProjection = {}): Snapshot {
    const builder = new SnapshotBuilder();
    const add = (resource: SnapshotResource, view: unknown) => builder.add(resource, project[resource] ? project[resource](view as never) : view);
    add("company", companyView(base, options.epoch));
    for (const u of DEMO_USERS) add("users", userView(base, u, options.epoch));
    for (const c of company.contacts) add("contacts", contactView(base, c));
    for (const c of CATEGORIES) add("categories", categoryView(base, c));
    for (const a of BANK_ACCOUNTS) add("bank_accounts", accountView(a));
    for (const tx of transactions.records()) add("bank_transactions", transactionView(tx));
    for (const e of explanations.records()) add("bank_transaction_explanations", explanationOf(e));
    for (const i of invoices.records()) add("invoices", invoiceView(base, i, options.epoch));
    for (const b of company.bills) add("bills", billView(base, b));
    for (const t of accounting.records()) add("accounting_transactions", accountingTransactionView(base, t));
    return builder.result();
  }

  const server = await startSandboxServer({
    port: options.port,
    host: options.host,
    routes,
    describe: () => ({ provider: "FreeAgent (sandbox)", apiVersion: "v2", company: "Demo Brand Ltd", bankTransactions: transactions.count(), invoices: invoices.count(), users: DEMO_USERS.map((u) => ({ id: u.id, permission_level: u.permission_level })) }),
    notFound,
    badRequest,
    serverError: (message) => ({ status: 500, body: { errors: { error: { message } } } }),
    controls: {
      injectFault: (body) => faults.add(body as unknown as FaultSpec<FaultPoint>),
      snapshot: () => snapshot(),
      planted: () => company.planted,
      issueToken: (body) => issueToken(body as { userId?: number }),
      revokeRefreshToken: (body) => revokeRefreshToken(body as { refreshToken?: string }),
      addBankTransaction: (body) => addBankTransaction(body as unknown as { bankAccount?: number; datedOn: string; amount: string; description?: string }),
      advanceClock: (body) => advanceClock(body as { ms?: number }),
    },
    afterRequest: () => state?.schedule(),
  });
  base = `${server.url}/v2`;

  return {
    url: server.url,
    /** `${url}/v2`: the prefix of every identity URL. */
    base,
    clock,
    company,
    tokens,
    faults,
    /** Requests the per-user limits let through and refused (429), since the start. */
    requests,
    issueToken,
    revokeRefreshToken,
    addBankTransaction,
    snapshot,
    async stop() {
      await server.stop();
      state?.flush();
    },
  };
}

export type FreeAgentSandbox = Awaited<ReturnType<typeof startFreeAgentSandbox>>;
