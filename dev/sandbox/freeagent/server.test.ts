import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../_kit/clock";
import { parseLinkHeader } from "../_kit/pagination";
import { centsToAmount } from "../_kit/money";
import { decimalToCents } from "./generate";
import { FREEAGENT_DEV, MAIN_ACCOUNT_ID, startFreeAgentSandbox, type FreeAgentSandbox, type Payout } from ".";

// The sandbox FreeAgent driven as a connector would: over real HTTP, with FreeAgent's documented
// shapes (CONTRACT-NOTES.md) as the expectation, on a manual clock.

const EPOCH = Date.UTC(2026, 9, 15);
const PAYOUTS: Payout[] = Array.from({ length: 10 }, (_, i) => ({ id: `8800${i}`, date: `2026-09-${String(2 + i * 3).padStart(2, "0")}`, amount: `${1000 + i * 137}.${String((i * 29) % 100).padStart(2, "0")}` }));
const sandboxes: FreeAgentSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
});

async function start(options: { seed?: string; stateFile?: string; clock?: ManualClock; bankTransactions?: number } = {}) {
  const clock = options.clock ?? new ManualClock(EPOCH);
  const sandbox = await startFreeAgentSandbox({ seed: options.seed ?? "demo", epoch: EPOCH, volume: { bankTransactions: options.bankTransactions ?? 240, invoices: 60 }, payouts: PAYOUTS, clock, stateFile: options.stateFile });
  sandboxes.push(sandbox);
  const admin = sandbox.issueToken({}) as { access_token: string };
  return { sandbox, clock, admin: admin.access_token };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
async function getJson(url: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { ...bearer(token), Accept: "application/json", ...headers } });
  return { response, body: (await response.json()) as Record<string, unknown> };
}
const basic = (id = FREEAGENT_DEV.client.clientId, secret = FREEAGENT_DEV.client.clientSecret) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
async function tokenRequest(sandbox: FreeAgentSandbox, params: Record<string, string>, authorization: string | null = basic()) {
  const response = await fetch(`${sandbox.url}/v2/token_endpoint`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...(authorization ? { Authorization: authorization } : {}) }, body: new URLSearchParams(params) });
  return { status: response.status, body: (await response.json()) as Record<string, string | number> };
}

type Tx = { url: string; amount: string; dated_on: string; description: string; unexplained_amount: string; updated_at: string };
/** Every bank transaction of an account, following `Link` rel="next" verbatim. */
async function allTransactions(sandbox: FreeAgentSandbox, token: string, query = "") {
  const seen: Tx[] = [];
  for (let next: string | undefined = `${sandbox.url}/v2/bank_transactions?bank_account=${sandbox.base}/bank_accounts/${MAIN_ACCOUNT_ID}&per_page=100${query}`; next; ) {
    const { response, body } = await getJson(next, token);
    expect(response.status, next).toBe(200);
    seen.push(...(body.bank_transactions as Tx[]));
    next = parseLinkHeader(response.headers.get("link")).next;
  }
  return seen;
}
const pence = (amount: string) => decimalToCents(amount, "amount");

describe("sandbox FreeAgent", () => {
  it("pages with page/per_page and RFC 5988 Link headers (prev/next/first/last) to the end, each record once", async () => {
    const { sandbox, admin } = await start();
    const { response, body } = await getJson(`${sandbox.url}/v2/invoices?per_page=25&page=2`, admin);
    const links = parseLinkHeader(response.headers.get("link"));
    expect(Object.fromEntries(Object.entries(links).map(([rel, url]) => [rel, new URL(url).searchParams.get("page")]))).toEqual({ prev: "1", next: "3", first: "1", last: "3" });
    expect(body.invoices).toHaveLength(25);

    const main = sandbox.company.bankTransaction;
    const expected = Array.from({ length: sandbox.company.bankTransactionCount }, (_, i) => main(i)).filter((t) => t.bankAccountId === MAIN_ACCOUNT_ID);
    const seen = await allTransactions(sandbox, admin);
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen.map((t) => t.url)).size).toBe(expected.length);
    expect(seen.map((t) => t.dated_on)).toEqual(seen.map((t) => t.dated_on).sort());

    const tooBig = await getJson(`${sandbox.url}/v2/contacts?per_page=101`, admin);
    expect([tooBig.response.status, tooBig.body]).toEqual([400, { errors: { error: { message: "per_page must be an integer from 1 to 100" } } }]);
  });

  it("refuses bank transactions (and explanations) without a bank_account, naming it", async () => {
    const { sandbox, admin } = await start();
    for (const path of ["/v2/bank_transactions", "/v2/bank_transaction_explanations"]) {
      const { response, body } = await getJson(`${sandbox.url}${path}`, admin);
      expect([response.status, body]).toEqual([400, { errors: { error: { message: "bank_account is required" } } }]);
    }
    expect((await getJson(`${sandbox.url}/v2/bank_transactions?bank_account=${MAIN_ACCOUNT_ID}`, admin)).response.status).toBe(200);
  });

  it("answers 403 to a user whose access level is below the resource's, and /users/me tells the level", async () => {
    const { sandbox, admin } = await start();
    const banking = (sandbox.issueToken({ userId: 2 }) as { access_token: string }).access_token;
    const time = (sandbox.issueToken({ userId: 3 }) as { access_token: string }).access_token;
    const denied = { errors: { error: { message: "You are not allowed to access this action." } } };
    expect((await getJson(`${sandbox.url}/v2/users/me`, banking)).body).toMatchObject({ user: { permission_level: 6, url: `${sandbox.base}/users/2` } });
    expect((await getJson(`${sandbox.url}/v2/bank_transactions?bank_account=${MAIN_ACCOUNT_ID}`, banking)).response.status).toBe(200);
    for (const path of ["/v2/users", "/v2/categories", "/v2/accounting/transactions"]) {
      const { response, body } = await getJson(`${sandbox.url}${path}`, banking);
      expect([path, response.status, body]).toEqual([path, 403, denied]);
      expect((await getJson(`${sandbox.url}${path}`, admin)).response.status).toBe(200);
    }
    // Banking (6) is above invoices (4) and bills (5); Time (1) reads contacts, not bank accounts.
    expect((await getJson(`${sandbox.url}/v2/bills`, banking)).response.status).toBe(200);
    expect((await getJson(`${sandbox.url}/v2/contacts`, time)).response.status).toBe(200);
    expect((await getJson(`${sandbox.url}/v2/bank_accounts`, time)).response.status).toBe(403);
    expect((await getJson(`${sandbox.url}/v2/invoices`, time)).response.status).toBe(403);
  });

  it("OAuth: consent on approve_app, code exchange with HTTP Basic, 1-hour tokens, refresh rotation, expired code, revoked refresh token", async () => {
    const { sandbox, clock } = await start();
    const consent = async () => {
      const authorize = `${sandbox.url}/v2/approve_app?${new URLSearchParams({ client_id: FREEAGENT_DEV.client.clientId, response_type: "code", redirect_uri: "http://app.test/callback", state: "s1" })}`;
      const page = await fetch(authorize);
      const fields = [...(await page.text()).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]);
      const approved = await fetch(`${sandbox.url}/v2/approve_app`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
      const location = new URL(approved.headers.get("location")!);
      expect(location.searchParams.get("state")).toBe("s1");
      return location.searchParams.get("code")!;
    };
    const exchange = (code: string) => tokenRequest(sandbox, { grant_type: "authorization_code", code, redirect_uri: "http://app.test/callback" });

    // Client credentials in the body are not FreeAgent's: Basic only.
    expect((await tokenRequest(sandbox, { grant_type: "authorization_code", code: await consent(), redirect_uri: "http://app.test/callback", client_id: FREEAGENT_DEV.client.clientId, client_secret: FREEAGENT_DEV.client.clientSecret }, null)).status).toBe(401);
    const issued = await exchange(await consent());
    expect(issued).toMatchObject({ status: 200, body: { token_type: "bearer", expires_in: 3600, refresh_token_expires_in: 631_139_040 } });
    expect((await getJson(`${sandbox.url}/v2/users/me`, String(issued.body.access_token))).body).toMatchObject({ user: { permission_level: 8 } });

    clock.advance(3600 * 1000);
    expect((await getJson(`${sandbox.url}/v2/company`, String(issued.body.access_token))).response.status).toBe(401);
    const refreshed = await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: String(issued.body.refresh_token) });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(issued.body.refresh_token);
    expect(refreshed.body.refresh_token_expires_in).toBe(631_139_040);
    expect((await getJson(`${sandbox.url}/v2/company`, String(refreshed.body.access_token))).response.status).toBe(200);

    // A code is good for 15 minutes.
    const late = await consent();
    clock.advance(15 * 60 * 1000 + 1);
    expect(await exchange(late)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    // FreeAgent revokes the refresh token (control): the connection needs a new consent.
    const control = await fetch(`${sandbox.url}/_sandbox/revokeRefreshToken`, { method: "POST", body: JSON.stringify({ refreshToken: refreshed.body.refresh_token }) });
    expect(control.status).toBe(200);
    expect(await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: String(refreshed.body.refresh_token) })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await getJson(`${sandbox.url}/v2/company`, String(refreshed.body.access_token))).response.status).toBe(401);
  });

  it("limits token refreshes to 15 a minute, apart from the API's limits", async () => {
    const { sandbox, clock } = await start();
    let refreshToken = (sandbox.issueToken({}) as { refresh_token: string }).refresh_token;
    for (let i = 0; i < 15; i++) {
      const refreshed = await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: refreshToken });
      expect(refreshed.status).toBe(200);
      refreshToken = String(refreshed.body.refresh_token);
    }
    const refused = await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: refreshToken });
    expect(refused).toEqual({ status: 429, body: { errors: { error: { message: "You must not exceed 15 requests per 60 seconds" } } } });
    clock.advance(60_000);
    expect((await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: refreshToken })).status).toBe(200);
  });

  it("answers the 121st request in a minute 429 with FreeAgent's message and Retry-After, until the minute turns", async () => {
    const clock = new ManualClock(EPOCH + 10_000);
    const { sandbox, admin } = await start({ clock });
    for (let i = 0; i < 120; i++) expect((await fetch(`${sandbox.url}/v2/company`, { headers: bearer(admin) })).status).toBe(200);
    const { response, body } = await getJson(`${sandbox.url}/v2/company`, admin);
    expect([response.status, response.headers.get("retry-after"), body]).toEqual([429, "50", { errors: { error: { message: "You must not exceed 120 requests per 60 seconds" } } }]);
    // Per user: the banking user has its own windows.
    expect((await fetch(`${sandbox.url}/v2/company`, { headers: bearer((sandbox.issueToken({ userId: 2 }) as { access_token: string }).access_token) })).status).toBe(200);
    clock.advance(49_999);
    expect((await fetch(`${sandbox.url}/v2/company`, { headers: bearer(admin) })).status).toBe(429);
    clock.advance(1);
    expect((await fetch(`${sandbox.url}/v2/company`, { headers: bearer(admin) })).status).toBe(200);
  });

  it("answers the 3,601st request in an hour 429 until the hour turns, and X-RateLimit-Test lowers the minute's limit to 5", async () => {
    const { sandbox, clock, admin } = await start();
    let token = admin;
    const call = (headers: Record<string, string> = {}) => fetch(`${sandbox.url}/v2/users/me`, { headers: { ...bearer(token), ...headers } }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
    for (let minute = 0; minute < 30; minute++) {
      const statuses = await Promise.all(Array.from({ length: 120 }, () => call().then((r) => r.status)));
      expect(statuses.every((s) => s === 200), `minute ${minute}`).toBe(true);
      clock.advance(60_000);
    }
    expect(await call()).toEqual({ status: 429, body: { errors: { error: { message: "You must not exceed 3600 requests per hour" } } } });
    clock.advance(30 * 60_000 - 1);
    expect((await call()).status).toBe(429);
    clock.advance(1);
    // The hour's access token has just expired: a new one for the same user.
    token = (sandbox.issueToken({}) as { access_token: string }).access_token;
    expect((await call()).status).toBe(200);

    for (let i = 0; i < 5; i++) expect((await call({ "X-RateLimit-Test": "true" })).status).toBe(200);
    expect(await call({ "X-RateLimit-Test": "true" })).toEqual({ status: 429, body: { errors: { error: { message: "You must not exceed 5 requests per 60 seconds" } } } });
  });

  it("under a compressed clock counts the same limits in shorter windows, names them in seconds, and counts what it let through and refused", async () => {
    const clock = new ManualClock(EPOCH);
    const sandbox = await startFreeAgentSandbox({ seed: "demo", epoch: EPOCH, volume: { bankTransactions: 10, invoices: 10 }, clock, rateLimitCompression: 10 });
    sandboxes.push(sandbox);
    const admin = (sandbox.issueToken({}) as { access_token: string }).access_token;
    const call = () => fetch(`${sandbox.url}/v2/users/me`, { headers: bearer(admin) }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), body: (await r.json()) as unknown }));
    const limited = (per: string, retryAfter: string) => ({ status: 429, retryAfter, body: { errors: { error: { message: `You must not exceed ${per}` } } } });
    // 120 per 6 s.
    for (let i = 0; i < 120; i++) expect((await call()).status).toBe(200);
    clock.advance(1_000);
    expect(await call()).toEqual(limited("120 requests per 6 seconds", "5"));
    clock.advance(5_000);
    expect((await call()).status).toBe(200);
    // 3,600 per 360 s: the 30th window of 6 s spends it, 180 s into the hour's.
    clock.advance(6_000);
    for (let window = 2; window < 30; window++) {
      const statuses = await Promise.all(Array.from({ length: 120 }, () => call().then((r) => r.status)));
      expect(statuses.every((s) => s === 200), `window ${window}`).toBe(true);
      clock.advance(6_000);
    }
    for (let i = 0; i < 119; i++) expect((await call()).status).toBe(200);
    expect(await call()).toEqual(limited("3600 requests per 360 seconds", "180"));
    clock.advance(180_000);
    expect((await call()).status).toBe(200);
    expect(sandbox.requests).toEqual({ allowed: 3_601, refused: 2 });
  });

  it("creating an explanation reduces the transaction's unexplained_amount (updated_since finds it); deleting restores it", async () => {
    const { sandbox, clock, admin } = await start();
    const deposit = (await allTransactions(sandbox, admin, "&view=unexplained")).find((t) => t.description === "SHOPIFY PAYMENTS GB")!;
    expect(deposit.unexplained_amount).toBe(deposit.amount);
    clock.advance(60_000);
    const since = new Date(clock.now()).toISOString();
    const post = (explanation: Record<string, string>) =>
      fetch(`${sandbox.url}/v2/bank_transaction_explanations`, { method: "POST", headers: { ...bearer(admin), "Content-Type": "application/json" }, body: JSON.stringify({ bank_transaction_explanation: explanation }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, Record<string, string>> }));
    const explanation = { bank_transaction: deposit.url, dated_on: deposit.dated_on, gross_value: "100.05", category: `${sandbox.base}/categories/002`, description: "Shopify sales" };

    const created = await post(explanation);
    expect(created.status).toBe(201);
    expect(created.body.bank_transaction_explanation).toMatchObject({ gross_value: "100.05", bank_transaction: deposit.url, category: `${sandbox.base}/categories/002`, type: "Money Received" });
    const after = (await getJson(deposit.url.replace(sandbox.base, `${sandbox.url}/v2`), admin)).body.bank_transaction as Tx & { bank_transaction_explanations: unknown[] };
    expect(pence(after.unexplained_amount)).toBe(pence(deposit.amount) - 10_005);
    expect(after.bank_transaction_explanations).toHaveLength(1);
    expect((await allTransactions(sandbox, admin, `&updated_since=${since}`)).map((t) => t.url)).toEqual([deposit.url]);

    // A zero value, no or an unknown transaction, a bad date, an unknown category: 422 naming the field.
    const refused = (message: string) => ({ status: 422, body: { errors: { error: { message } } } });
    expect(await post({ ...explanation, gross_value: "0.00" })).toEqual(refused("gross_value must not be zero"));
    expect(await post({ ...explanation, bank_transaction: "" })).toEqual(refused("bank_transaction is required"));
    expect(await post({ ...explanation, bank_transaction: `${sandbox.base}/bank_transactions/1` })).toEqual(refused("bank_transaction: Bank transaction not found"));
    expect(await post({ ...explanation, dated_on: "15/10/2026" })).toEqual(refused("dated_on must be a date (YYYY-MM-DD)"));
    expect(await post({ ...explanation, category: `${sandbox.base}/categories/999` })).toEqual(refused("category must be the URL of a category of this company"));

    const deleted = await fetch(created.body.bank_transaction_explanation!.url!.replace(sandbox.base, `${sandbox.url}/v2`), { method: "DELETE", headers: bearer(admin) });
    expect(deleted.status).toBe(200);
    const restored = (await getJson(deposit.url.replace(sandbox.base, `${sandbox.url}/v2`), admin)).body.bank_transaction as Tx;
    expect(restored.unexplained_amount).toBe(deposit.amount);
  });

  it("explains a deposit with parts of both signs (sales in, a fee and a refund out), passing through an over-explained state, to explained", async () => {
    const { sandbox, admin } = await start();
    const deposit = (await allTransactions(sandbox, admin, "&view=unexplained")).find((t) => t.description === "SHOPIFY PAYMENTS GB")!;
    const api = (url: string) => url.replace(sandbox.base, `${sandbox.url}/v2`);
    const post = (gross_value: string, category: string) =>
      fetch(`${sandbox.url}/v2/bank_transaction_explanations`, {
        method: "POST",
        headers: { ...bearer(admin), "Content-Type": "application/json" },
        body: JSON.stringify({ bank_transaction_explanation: { bank_transaction: deposit.url, dated_on: deposit.dated_on, gross_value, category: `${sandbox.base}/categories/${category}` } }),
      }).then(async (r) => ({ status: r.status, body: ((await r.json()) as { bank_transaction_explanation: Record<string, unknown> }).bank_transaction_explanation }));
    const unexplained = async () => pence(((await getJson(api(deposit.url), admin)).body.bank_transaction as Tx).unexplained_amount);
    const fee = 1_234;
    const refund = 2_500;
    const sales = pence(deposit.amount) + fee + refund;

    // Sales first: more than the deposit, which is over-explained (still unexplained, by a negative
    // amount) until the fee and the refund are posted.
    const posted = [await post(centsToAmount(sales), "002")];
    expect(await unexplained()).toBe(-(fee + refund));
    expect((await allTransactions(sandbox, admin, "&view=unexplained")).map((t) => t.url)).toContain(deposit.url);
    posted.push(await post(centsToAmount(-fee), "363"), await post(centsToAmount(-refund), "096"));
    expect(posted.map((p) => [p.status, p.body.type, p.body.is_money_in])).toEqual([
      [201, "Money Received", true],
      [201, "Payment", false],
      [201, "Payment", false],
    ]);
    expect(await unexplained()).toBe(0);
    expect((await allTransactions(sandbox, admin, "&view=explained")).map((t) => t.url)).toContain(deposit.url);
  });

  it("lists every explanation once and embeds each in its own transaction, whose unexplained amount it reduces", async () => {
    const { sandbox, admin } = await start();
    const listed: { url: string; bank_transaction: string; gross_value: string }[] = [];
    for (let next: string | undefined = `${sandbox.url}/v2/bank_transaction_explanations?bank_account=${MAIN_ACCOUNT_ID}&per_page=100`; next; ) {
      const { response, body } = await getJson(next, admin);
      listed.push(...(body.bank_transaction_explanations as typeof listed));
      next = parseLinkHeader(response.headers.get("link")).next;
    }
    const transactions = (await allTransactions(sandbox, admin)) as (Tx & { bank_transaction_explanations: { url: string }[] })[];
    const embedded = transactions.flatMap((t) => t.bank_transaction_explanations.map((e) => `${t.url} ${e.url}`));
    expect(listed.length).toBeGreaterThan(100);
    expect(new Set(listed.map((e) => e.url)).size).toBe(listed.length);
    expect(listed.map((e) => `${e.bank_transaction} ${e.url}`).sort()).toEqual(embedded.sort());
    for (const t of transactions) {
      const explained = t.bank_transaction_explanations.length ? pence(t.amount) : 0;
      expect(pence(t.unexplained_amount), t.url).toBe(pence(t.amount) - explained);
    }
  });

  it("writes every decimal as a JSON string (FreeAgent's '-730.0' style), dates YYYY-MM-DD and ISO UTC timestamps", async () => {
    const { sandbox, admin } = await start();
    const money = /^-?\d+\.\d{1,2}$/;
    const tx = (await allTransactions(sandbox, admin)) as unknown as Record<string, unknown>[];
    const invoice = ((await getJson(`${sandbox.url}/v2/invoices?per_page=1`, admin)).body.invoices as Record<string, unknown>[])[0]!;
    const bill = ((await getJson(`${sandbox.url}/v2/bills?per_page=1`, admin)).body.bills as Record<string, unknown>[])[0]!;
    const account = ((await getJson(`${sandbox.url}/v2/bank_accounts`, admin)).body.bank_accounts as Record<string, unknown>[])[0]!;
    for (const t of tx) {
      expect(t.amount).toMatch(money);
      expect(t.unexplained_amount).toMatch(money);
      expect(t.dated_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(t.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    // Whole pounds keep one decimal, as FreeAgent writes them.
    const rent = tx.find((t) => t.description === "HARBOUR LANE PROPERTIES RENT");
    expect(rent?.amount).toBe("-2150.0");
    for (const value of [invoice.net_value, invoice.total_value, invoice.due_value, (invoice.invoice_items as Record<string, unknown>[])[0]!.price, bill.total_value, (bill.bill_items as Record<string, unknown>[])[0]!.price, account.current_balance, account.opening_balance]) {
      expect(value).toMatch(money);
    }
    // Payouts deposited exactly arrive to the penny, in FreeAgent's notation ("1000.00" is "1000.0").
    const amounts = new Set(tx.map((t) => t.amount));
    const exact = sandbox.company.planted.filter((p) => p.kind === "exact").map((p) => p.payout.amount.replace(/0$/, ""));
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.filter((amount) => !amounts.has(amount))).toEqual([]);
  });

  it("plants the payouts' deposits: one missing, one duplicated, some short by a fee adjustment, the rest exact", async () => {
    const { sandbox, admin } = await start();
    const deposits = (await allTransactions(sandbox, admin)).filter((t) => t.description === "SHOPIFY PAYMENTS GB");
    const within = (payout: Payout, t: Tx) => {
      const days = (Date.parse(t.dated_on) - Date.parse(payout.date)) / 86_400_000;
      return days >= 0 && days <= 3;
    };
    const found = PAYOUTS.map((payout) => {
      const exact = deposits.filter((t) => within(payout, t) && pence(t.amount) === pence(payout.amount));
      const short = deposits.filter((t) => within(payout, t) && pence(t.amount) < pence(payout.amount) && pence(payout.amount) - pence(t.amount) <= 500);
      return exact.length === 2 ? "duplicated" : exact.length === 1 ? "exact" : short.length === 1 ? "fee" : "missing";
    });
    const count = (kind: string) => found.filter((k) => k === kind).length;
    expect([count("missing"), count("duplicated")]).toEqual([1, 1]);
    expect(count("fee")).toBeGreaterThanOrEqual(1);
    expect(count("exact")).toBe(PAYOUTS.length - 2 - count("fee"));
    // What the sandbox says it planted is what the bank shows.
    expect(sandbox.company.planted.map((p) => p.kind)).toEqual(found);
    // One payout has no deposit, one has two.
    expect(deposits).toHaveLength(PAYOUTS.length);
  });

  it("generates the same books from the same seed, and other books from another", async () => {
    const read = async (seed: string) => {
      const { sandbox, admin } = await start({ seed });
      const text = JSON.stringify([await allTransactions(sandbox, admin), (await getJson(`${sandbox.url}/v2/invoices?per_page=100`, admin)).body, (await getJson(`${sandbox.url}/v2/contacts?per_page=100`, admin)).body]);
      return text.replaceAll(sandbox.base, "BASE");
    };
    const first = await read("demo");
    expect(await read("demo")).toBe(first);
    expect(await read("other")).not.toBe(first);
  });

  it("refuses an accounting period over 12 months, naming to_date, and serves one within it", async () => {
    const { sandbox, admin } = await start();
    const tooLong = await getJson(`${sandbox.url}/v2/accounting/transactions?from_date=2025-04-01&to_date=2026-04-01`, admin);
    expect([tooLong.response.status, tooLong.body]).toEqual([400, { errors: { error: { message: "The period from from_date to to_date must not exceed 12 months" } } }]);
    const year = await getJson(`${sandbox.url}/v2/accounting/transactions?from_date=2025-04-01&to_date=2026-03-31&per_page=100`, admin);
    const rows = year.body.transactions as { dated_on: string; debit_value: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((t) => t.dated_on >= "2025-04-01" && t.dated_on <= "2026-03-31" && typeof t.debit_value === "string")).toBe(true);
    expect((await getJson(`${sandbox.url}/v2/accounting/transactions?from_date=2025-13-01`, admin)).body).toEqual({ errors: { error: { message: "from_date must be a date (YYYY-MM-DD)" } } });
  });

  it("injects faults: 429 and 5xx in FreeAgent's shape, a truncated body, a revoked token, a timeout", async () => {
    const { sandbox, admin } = await start();
    const inject = (fault: Record<string, unknown>) => fetch(`${sandbox.url}/_sandbox/injectFault`, { method: "POST", body: JSON.stringify(fault) });
    await inject({ point: "api", kind: "429", retryAfterSeconds: 7 });
    const limited = await getJson(`${sandbox.url}/v2/company`, admin);
    expect([limited.response.status, limited.response.headers.get("retry-after"), limited.body]).toEqual([429, "7", { errors: { error: { message: "You must not exceed 120 requests per 60 seconds" } } }]);
    await inject({ point: "api", kind: "5xx", status: 502 });
    expect((await getJson(`${sandbox.url}/v2/company`, admin)).response.status).toBe(502);
    await inject({ point: "api", kind: "truncated" });
    await expect(fetch(`${sandbox.url}/v2/contacts`, { headers: bearer(admin) }).then((r) => r.json())).rejects.toThrow();
    await inject({ point: "api", kind: "timeout" });
    await expect(fetch(`${sandbox.url}/v2/company`, { headers: bearer(admin), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await getJson(`${sandbox.url}/v2/company`, admin)).response.status).toBe(200);

    const pair = sandbox.issueToken({}) as { access_token: string; refresh_token: string };
    await inject({ point: "api", kind: "revoked" });
    expect((await getJson(`${sandbox.url}/v2/company`, pair.access_token)).response.status).toBe(401);
    expect((await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: pair.refresh_token })).status).toBe(400);
    await inject({ point: "token", kind: "5xx" });
    expect((await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: "any" })).status).toBe(503);
    expect(sandbox.faults.fired).toEqual({ api: 5, token: 1 });
  });

  it("controls: addBankTransaction lands a deposit that updated_since finds, advanceClock moves the manual clock, snapshot counts what the API serves", async () => {
    const { sandbox, clock } = await start();
    const control = (name: string, body: unknown) => fetch(`${sandbox.url}/_sandbox/${name}`, { method: "POST", body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const before = (await control("snapshot", {})).body as { counts: Record<string, number>; checksums: Record<string, string> };
    expect(before.counts).toMatchObject({ bank_transactions: sandbox.company.bankTransactionCount, invoices: 60, users: 3, categories: 13 });

    expect((await control("advanceClock", { ms: 3_600_000 })).body).toEqual({ now: "2026-10-15T01:00:00.000Z" });
    expect(clock.now()).toBe(EPOCH + 3_600_000);
    const since = new Date(clock.now()).toISOString();
    const added = await control("addBankTransaction", { datedOn: "2026-10-15", amount: "1234.50", description: "SHOPIFY PAYMENTS GB" });
    expect(added.body).toMatchObject({ amount: "1234.5", unexplained_amount: "1234.5", dated_on: "2026-10-15" });
    expect(await control("addBankTransaction", { datedOn: "2026-10-15", amount: "12.345" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("amount") } });

    // An hour on, the first access token has expired.
    const token = (sandbox.issueToken({}) as { access_token: string }).access_token;
    expect((await allTransactions(sandbox, token, `&updated_since=${since}`)).map((t) => t.url)).toEqual([added.body.url]);
    const after = (await control("snapshot", {})).body as typeof before;
    expect(after.counts.bank_transactions).toBe(before.counts.bank_transactions! + 1);
    expect(after.checksums.bank_transactions).not.toBe(before.checksums.bank_transactions);
    expect(after.checksums.invoices).toBe(before.checksums.invoices);
  });

  it("keeps tokens and explanations in the state file across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "freeagent-sandbox-"));
    try {
      const stateFile = join(dir, "state.json");
      const clock = new ManualClock(EPOCH);
      const { sandbox, admin } = await start({ stateFile, clock });
      const deposit = (await allTransactions(sandbox, admin)).find((t) => t.description === "SHOPIFY PAYMENTS GB")!;
      const posted = await fetch(`${sandbox.url}/v2/bank_transaction_explanations`, { method: "POST", headers: { ...bearer(admin), "Content-Type": "application/json" }, body: JSON.stringify({ bank_transaction_explanation: { bank_transaction: deposit.url, dated_on: deposit.dated_on, gross_value: "1.5", category: "002" } }) });
      expect(posted.status).toBe(201);
      await sandbox.stop();
      sandboxes.splice(sandboxes.indexOf(sandbox), 1);

      const again = await startFreeAgentSandbox({ seed: "demo", epoch: EPOCH, volume: { bankTransactions: 240, invoices: 60 }, payouts: PAYOUTS, clock, stateFile });
      sandboxes.push(again);
      const tx = (await getJson(`${again.url}/v2/bank_transactions/${deposit.url.split("/").pop()}`, admin)).body.bank_transaction as Tx;
      expect(pence(tx.unexplained_amount)).toBe(pence(deposit.amount) - 150);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
