import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../clock";
import { parseLinkHeader } from "../pagination";
import { verifyStandardWebhook } from "../signing";
import { checksumOf } from "../snapshot";
import { LEDGERLY, startLedgerly, type Invoice } from "./ledgerly";

// A provider's sandbox is its generator, its routes and its config: "Ledgerly" (./ledgerly.ts)
// is one, built from the kit, and a connector's whole life against it works: consent, tokens,
// paging, limits, webhooks, faults, restarts, and a snapshot the synced rows must equal.

const EPOCH = Date.UTC(2026, 9, 15);
const sandboxes: Awaited<ReturnType<typeof startLedgerly>>[] = [];
let receiver: Server;
let webhookUrl: string;
const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
let answers: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/ledgerly`;
});
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
  received.length = 0;
  answers = [];
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

async function start(options: { seed?: string; stateFile?: string; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(EPOCH);
  const sandbox = await startLedgerly({ seed: options.seed ?? "acme", invoices: 12, epoch: EPOCH, clock, webhookUrl, stateFile: options.stateFile });
  sandboxes.push(sandbox);
  return { sandbox, clock };
}

const basic = `Basic ${Buffer.from(`${LEDGERLY.client.clientId}:${LEDGERLY.client.clientSecret}`).toString("base64")}`;

/** The connector's OAuth: consent, then the code exchanged with HTTP Basic client auth. */
async function connect(url: string): Promise<{ access_token: string; refresh_token: string }> {
  const authorize = `${url}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: LEDGERLY.client.clientId, redirect_uri: LEDGERLY.client.redirectUris[0]!, scope: "invoices.read", state: "st" })}`;
  expect((await fetch(authorize)).status).toBe(200);
  const approved = await fetch(`${url}/oauth/authorize`, { method: "POST", body: new URL(authorize).searchParams, redirect: "manual" });
  const code = new URL(approved.headers.get("location")!).searchParams.get("code")!;
  const exchanged = await fetch(`${url}/oauth/token`, { method: "POST", headers: { Authorization: basic }, body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: LEDGERLY.client.redirectUris[0]! }) });
  expect(exchanged.status).toBe(200);
  return (await exchanged.json()) as { access_token: string; refresh_token: string };
}

const list = (url: string, token: string, signal?: AbortSignal) => fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal });

describe("a provider sandbox from the kit", () => {
  it("serves a connector's backfill: OAuth, Link paging within the rate limit, and rows that equal the snapshot", async () => {
    const { sandbox, clock } = await start();
    const { access_token } = await connect(sandbox.url);
    const synced: Invoice[] = [];
    let requests = 0;
    for (let next: string | undefined = `${sandbox.url}/v1/invoices?per_page=2`; next; ) {
      const response = await list(next, access_token);
      requests++;
      if (response.status === 429) {
        // The 6th request in a minute: wait as told, to the next window.
        expect(await response.json()).toEqual({ error: "rate_limited" });
        clock.advance(Number(response.headers.get("retry-after")) * 1000);
        continue;
      }
      synced.push(...((await response.json()) as { invoices: Invoice[] }).invoices);
      next = parseLinkHeader(response.headers.get("link")).next;
    }
    expect(requests).toBe(7);
    const expected = sandbox.snapshot((i) => [i.id, i.total, i.status]);
    expect(expected.counts).toEqual({ invoices: 12 });
    expect(checksumOf(synced.map((i) => [i.id, i.total, i.status]))).toBe(expected.checksums.invoices);
  });

  it("generates the same account from the same seed, and another from another", async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({ seed: "globex" })]);
    expect(a.sandbox.snapshot()).toEqual(b.sandbox.snapshot());
    expect(a.sandbox.snapshot().checksums).not.toEqual(c.sandbox.snapshot().checksums);
  });

  it("takes API keys as well as OAuth tokens", async () => {
    const { sandbox } = await start();
    const key = sandbox.apiKeys.create("org-1");
    expect((await list(`${sandbox.url}/v1/invoices`, key)).status).toBe(200);
    expect(await (await list(`${sandbox.url}/v1/invoices`, "lk_forged")).json()).toEqual({ error: "token unknown" });
    expect(await (await list(`${sandbox.url}/v1/invoices?per_page=500`, key)).json()).toEqual({ error: "per_page must be an integer from 1 to 100", field: "per_page" });
  });

  it("delivers signed webhooks for changes, retrying a delivery the receiver refused", async () => {
    const { sandbox } = await start();
    answers = [500];
    const first = await sandbox.pay(1003);
    expect(first.status).toBe(500);
    await vi.waitFor(() => expect(received).toHaveLength(2), { interval: 10 });
    await vi.waitFor(() => expect(sandbox.retries.list()).toEqual([]));
    for (const { headers, raw } of received) {
      expect(verifyStandardWebhook(headers as Record<string, string>, raw, LEDGERLY.webhookSecret)).toBe(true);
      expect(JSON.parse(raw)).toMatchObject({ type: "invoice.paid", data: { id: 1003, status: "paid" } });
    }
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
  });

  it("injects faults: 429, 5xx, a timeout, a truncated body, and a revoked token that stays revoked", async () => {
    const { sandbox } = await start();
    const key = sandbox.apiKeys.create("org-1");
    const url = `${sandbox.url}/v1/invoices`;
    sandbox.faults.add({ point: "api", kind: "429", retryAfterSeconds: 7 });
    const limited = await list(url, key);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    sandbox.faults.add({ point: "api", kind: "5xx", status: 502 });
    expect((await list(url, key)).status).toBe(502);
    sandbox.faults.add({ point: "api", kind: "timeout" });
    await expect(list(url, key, AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i);
    sandbox.faults.add({ point: "api", kind: "truncated" });
    const cut = await list(url, key);
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow();
    await fetch(`${sandbox.url}/_sandbox/injectFault`, { method: "POST", body: JSON.stringify({ point: "api", kind: "revoked" }) });
    expect(await (await list(url, key)).json()).toEqual({ error: "token revoked" });
    expect(await (await list(url, key)).json()).toEqual({ error: "token unknown" });
    expect(sandbox.faults.fired.api).toBe(5);
  });

  it("a revoked OAuth token takes its refresh token with it: the connector must ask the user again", async () => {
    const { sandbox } = await start();
    const { access_token, refresh_token } = await connect(sandbox.url);
    sandbox.faults.add({ point: "api", kind: "revoked" });
    expect((await list(`${sandbox.url}/v1/invoices`, access_token)).status).toBe(401);
    const refreshed = await fetch(`${sandbox.url}/oauth/token`, { method: "POST", headers: { Authorization: basic }, body: new URLSearchParams({ grant_type: "refresh_token", refresh_token }) });
    expect([refreshed.status, await refreshed.json()]).toEqual([400, { error: "invalid_grant", error_description: "The refresh token is invalid, expired or revoked." }]);
  });

  it("keeps tokens and data changes across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ledgerly-"));
    try {
      const stateFile = join(dir, "state.json");
      const clock = new ManualClock(EPOCH);
      const first = await start({ stateFile, clock });
      const { access_token, refresh_token } = await connect(first.sandbox.url);
      await fetch(`${first.sandbox.url}/_sandbox/pay`, { method: "POST", body: JSON.stringify({ id: 1001 }) });
      const changed = first.sandbox.snapshot();
      await first.sandbox.stop();
      sandboxes.length = 0;

      const second = await start({ stateFile, clock });
      expect(second.sandbox.snapshot()).toEqual(changed);
      expect((await list(`${second.sandbox.url}/v1/invoices`, access_token)).status).toBe(200);
      const refreshed = await fetch(`${second.sandbox.url}/oauth/token`, { method: "POST", headers: { Authorization: basic }, body: new URLSearchParams({ grant_type: "refresh_token", refresh_token }) });
      expect(refreshed.status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
