import { sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../_kit/clock";
import { generateCatalog, generateOrder, type GeneratorOptions as ShopOptions } from "../shopify/generate";
import type { OrderRecord } from "../shopify/records";
import { DEMO_PROPERTY, GA4_DEV, SCOPES } from "./config";
import { generatedPurchases, LOSS_RATES, purchasesFrom, type Treatment } from "./generate";
import { startGa4Sandbox, type Ga4Sandbox } from "./server";
import { JWT_BEARER, type ServiceAccountKeyFile } from "./token-endpoint";

// The sandbox GA4 driven as a connector would: a service account's signed JWT for a token, then
// runReport over real HTTP, with the Data API's documented shapes as the expectation.

const EPOCH = Date.UTC(2026, 9, 15);
const SHOP: ShopOptions = { seed: 7, volume: { orders: 3000 }, epoch: EPOCH };
const sandboxes: Ga4Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
});

function shopOrders(options: ShopOptions = SHOP): OrderRecord[] {
  const catalog = generateCatalog(options);
  return Array.from({ length: options.volume.orders }, (_, i) => generateOrder(options, catalog, i));
}

async function control<T>(sandbox: Ga4Sandbox, name: string, body: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox/${name}`, { method: "POST", body: JSON.stringify(body) });
  return (await response.json()) as T;
}

/** The assertion a Google client library builds from a key file. */
function assertion(key: ServiceAccountKeyFile, now: number, claims: Record<string, unknown> = {}): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const iat = Math.floor(now / 1000);
  const unsigned = `${encode({ alg: "RS256", typ: "JWT", kid: key.private_key_id })}.${encode({ iss: key.client_email, scope: SCOPES.readonly, aud: key.token_uri, iat, exp: iat + 3600, ...claims })}`;
  return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), key.private_key).toString("base64url")}`;
}

async function tokenRequest(sandbox: Ga4Sandbox, params: Record<string, string>) {
  const response = await fetch(`${sandbox.url}/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params) });
  return { status: response.status, body: (await response.json()) as Record<string, string | number> };
}

async function start(options: { clock?: ManualClock; quotas?: Parameters<typeof startGa4Sandbox>[0]["quotas"]; propertyUser?: boolean; stateFile?: string } = {}) {
  const clock = options.clock ?? new ManualClock(EPOCH);
  const sandbox = await startGa4Sandbox({ seed: "ga4-demo", shop: SHOP, clock, quotas: options.quotas, stateFile: options.stateFile });
  sandboxes.push(sandbox);
  const key = await control<ServiceAccountKeyFile>(sandbox, "createServiceAccountKey", { propertyUser: options.propertyUser ?? true });
  /** A new access token, as a client gets one once the last expired (they last an hour). */
  const freshToken = async () => (await tokenRequest(sandbox, { grant_type: JWT_BEARER, assertion: assertion(key, clock.now()) })).body.access_token as string;
  return { sandbox, clock, key, token: await freshToken(), freshToken };
}

type Report = { rows?: { dimensionValues: { value: string }[]; metricValues: { value: string }[] }[]; rowCount?: number; metadata: Record<string, unknown>; propertyQuota?: Record<string, { consumed: number; remaining: number }>; metricHeaders: unknown[]; error?: { code: number; status: string; message: string; details?: { fieldViolations: { field: string }[] }[] } };
async function runReport(sandbox: Ga4Sandbox, token: string, body: Record<string, unknown>, property = sandbox.propertyName) {
  const response = await fetch(`${sandbox.url}/v1beta/${property}:runReport`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Report };
}

const BY_TRANSACTION = {
  dateRanges: [{ startDate: "2024-01-01", endDate: "today" }],
  dimensions: [{ name: "transactionId" }],
  metrics: [{ name: "purchaseRevenue" }, { name: "ecommercePurchases" }, { name: "transactions" }, { name: "taxAmount" }, { name: "shippingAmount" }],
};

describe("sandbox GA4: purchases from the sandbox Shopify's orders", () => {
  it("plants each loss pattern at about its rate, the same for the same seed, and says which order got which", () => {
    const property = generatedPurchases("ga4-demo", SHOP);
    expect(generatedPurchases("ga4-demo", SHOP).planted).toEqual(property.planted);
    expect(generatedPurchases("other", SHOP).planted).not.toEqual(property.planted);
    for (const [treatment, rate] of Object.entries(LOSS_RATES)) {
      const share = property.planted.filter((p) => p.treatment === treatment).length / property.orders;
      expect(share, treatment).toBeGreaterThan(rate * 0.5);
      expect(share, treatment).toBeLessThan(rate * 1.6);
    }
  });

  it("records each planted order as its treatment says: missing, twice, converted, net of tax, unidentified", () => {
    const orders = shopOrders();
    const property = purchasesFrom("ga4-demo", orders);
    const treatmentOf = new Map<number, Treatment>(property.planted.map((p) => [p.orderId, p.treatment]));
    const eventsOf = (id: number) => property.events.filter((e) => e.transactionId === String(id));
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    for (const order of orders) {
      const treatment = treatmentOf.get(order.id) ?? "exact";
      const events = eventsOf(order.id);
      const expectedCount = { blocked: 0, "consent-denied": 0, "not-set": 0, duplicated: 2 }[treatment as string] ?? 1;
      expect(events, `${order.name} ${treatment}`).toHaveLength(expectedCount);
      for (const event of events) {
        const revenue =
          treatment === "without-tax-shipping"
            ? cents(order.totalPrice) - cents(order.totalTax) - cents(order.totalShipping)
            : treatment === "other-currency"
              ? Math.round(cents(order.totalPrice) * 0.92 * 1.085)
              : cents(order.totalPrice);
        expect(event.revenueCents, `${order.name} ${treatment}`).toBe(revenue);
        expect(event.shippingCents, `${order.name} ${treatment}`).toBe(treatment === "without-tax-shipping" ? 0 : cents(order.totalShipping));
      }
    }
    // The store charged shipping on some of the orders without tax and shipping: the subtraction was tested.
    expect(property.planted.some((p) => p.treatment === "without-tax-shipping" && cents(orders.find((o) => o.id === p.orderId)!.totalShipping) > 0)).toBe(true);
    expect(property.events.filter((e) => e.transactionId === "(not set)")).toHaveLength(property.planted.filter((p) => p.treatment === "not-set").length);
  });
});

describe("sandbox GA4: runReport", () => {
  it("reports every recorded transaction by id, values as strings, pages by limit/offset to rowCount", async () => {
    const { sandbox, token } = await start();
    const first = await runReport(sandbox, token, { ...BY_TRANSACTION, limit: "1000" });
    expect(first.status).toBe(200);
    expect(first.body.metadata).toMatchObject({ currencyCode: "USD", timeZone: DEMO_PROPERTY.timeZone });
    expect(first.body.metricHeaders).toEqual([
      { name: "purchaseRevenue", type: "TYPE_CURRENCY" },
      { name: "ecommercePurchases", type: "TYPE_INTEGER" },
      { name: "transactions", type: "TYPE_INTEGER" },
      { name: "taxAmount", type: "TYPE_CURRENCY" },
      { name: "shippingAmount", type: "TYPE_CURRENCY" },
    ]);
    const rows = [...first.body.rows!];
    for (let offset = 1000; offset < first.body.rowCount!; offset += 1000) rows.push(...(await runReport(sandbox, token, { ...BY_TRANSACTION, limit: 1000, offset })).body.rows!);

    const orders = shopOrders();
    const planted = new Map(sandbox.property.planted.map((p) => [String(p.orderId), p.treatment]));
    const recorded = orders.filter((o) => !["blocked", "consent-denied", "not-set"].includes(planted.get(String(o.id)) ?? "exact"));
    const byId = new Map(rows.map((r) => [r.dimensionValues[0]!.value, r.metricValues.map((m) => m.value)]));
    expect(rows).toHaveLength(byId.size);
    // Every order the tag recorded (processed by now), plus one `(not set)` row.
    expect(byId.size).toBe(recorded.length + 1);
    for (const order of recorded) {
      const treatment = planted.get(String(order.id)) ?? "exact";
      if (treatment !== "exact" && treatment !== "duplicated") continue;
      const n = treatment === "duplicated" ? 2 : 1;
      const times = (amount: string) => ((Math.round(Number(amount) * 100) * n) / 100).toFixed(2);
      expect(byId.get(String(order.id)), order.name).toEqual([times(order.totalPrice), String(n), String(n), times(order.totalTax), times(order.totalShipping)]);
    }
    const notSet = sandbox.property.planted.filter((p) => p.treatment === "not-set").length;
    expect(byId.get("(not set)")!.slice(1, 3)).toEqual([String(notSet), "0"]);
  });

  it("shows a late purchase only once GA4 processed it (24-48 h later), on its own day in the property's zone", async () => {
    const late = generatedPurchases("ga4-demo", SHOP).planted.find((p) => p.treatment === "late")!;
    const order = shopOrders().find((o) => o.id === late.orderId)!;
    const clock = new ManualClock(order.processedAt + 12 * 3_600_000);
    const { sandbox, token, freshToken } = await start({ clock });
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: DEMO_PROPERTY.timeZone }).format(order.processedAt);
    const request = { ...BY_TRANSACTION, dateRanges: [{ startDate: day, endDate: day }], dimensions: [{ name: "date" }, { name: "transactionId" }] };
    const before = await runReport(sandbox, token, request);
    expect(before.status).toBe(200);
    expect(before.body.rows?.map((r) => r.dimensionValues[1]!.value) ?? []).not.toContain(String(order.id));
    clock.advance(37 * 3_600_000);
    const { body } = await runReport(sandbox, await freshToken(), request);
    expect(body.rows!.find((r) => r.dimensionValues[1]!.value === String(order.id))!.dimensionValues[0]!.value).toBe(day.replace(/-/g, ""));
  });

  it("refuses a request that breaks RunReportRequest, or names an unknown dimension, with a 400 naming the field", async () => {
    const { sandbox, token } = await start();
    const unknownField = await runReport(sandbox, token, { ...BY_TRANSACTION, rowLimit: 5 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
    expect(unknownField.body.error!.details![0]!.fieldViolations).toEqual([{ field: "rowLimit", description: "is not a field of RunReportRequest" }]);
    const wrongType = await runReport(sandbox, token, { ...BY_TRANSACTION, limit: "many" });
    expect([wrongType.status, wrongType.body.error!.details![0]!.fieldViolations[0]!.field]).toEqual([400, "limit"]);
    const unknownDimension = await runReport(sandbox, token, { ...BY_TRANSACTION, dimensions: [{ name: "orderId" }] });
    expect([unknownDimension.status, unknownDimension.body.error!.details![0]!.fieldViolations[0]!.field]).toEqual([400, "dimensions[0].name"]);
    const badDate = await runReport(sandbox, token, { ...BY_TRANSACTION, dateRanges: [{ startDate: "last week", endDate: "today" }] });
    expect([badDate.status, badDate.body.error!.details![0]!.fieldViolations[0]!.field]).toEqual([400, "dateRanges[0].startDate"]);
  });

  it("answers propertyQuota when asked, and 429 RESOURCE_EXHAUSTED once the hour's tokens are spent, until the next hour", async () => {
    const { sandbox, clock, token, freshToken } = await start({ quotas: { tokensPerHour: 2 } });
    const first = await runReport(sandbox, token, { ...BY_TRANSACTION, limit: 10, returnPropertyQuota: true });
    expect(first.body.propertyQuota!.tokensPerHour).toEqual({ consumed: 1, remaining: 1 });
    expect(first.body.propertyQuota!.concurrentRequests).toEqual({ consumed: 1, remaining: 9 });
    expect((await runReport(sandbox, token, { ...BY_TRANSACTION, limit: 10 })).status).toBe(200);
    const refused = await runReport(sandbox, token, { ...BY_TRANSACTION, limit: 10 });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED", message: expect.stringContaining("tokensPerHour") });
    clock.advance(3_600_000);
    expect((await runReport(sandbox, await freshToken(), { ...BY_TRANSACTION, limit: 10 })).status).toBe(200);
  });

  it("refuses a request beyond the property's concurrent requests with 429 RESOURCE_EXHAUSTED", async () => {
    const { sandbox, token } = await start({ quotas: { concurrentRequests: 1 } });
    await control(sandbox, "holdReports");
    const held = runReport(sandbox, token, { ...BY_TRANSACTION, limit: 10 });
    while ((await control<{ inFlight: number }>(sandbox, "inFlight")).inFlight < 1);
    const refused = await runReport(sandbox, token, { ...BY_TRANSACTION, limit: 10 });
    expect([refused.status, refused.body.error!.status, refused.body.error!.message]).toEqual([429, "RESOURCE_EXHAUSTED", expect.stringContaining("concurrentRequests")]);
    await control(sandbox, "releaseReports");
    expect((await held).status).toBe(200);
  });

  it("lists the dimensions and metrics it reports in the property's metadata, with their types", async () => {
    const { sandbox, token } = await start();
    const response = await fetch(`${sandbox.url}/v1beta/${sandbox.propertyName}/metadata`, { headers: { Authorization: `Bearer ${token}` } });
    const metadata = (await response.json()) as { name: string; dimensions: { apiName: string }[]; metrics: { apiName: string; type: string }[] };
    expect(metadata.name).toBe(`${sandbox.propertyName}/metadata`);
    expect(metadata.dimensions.map((d) => d.apiName)).toEqual(["date", "transactionId", "sessionSourceMedium", "deviceCategory"]);
    expect(metadata.metrics.map((m) => [m.apiName, m.type])).toEqual(BY_TRANSACTION.metrics.map((m) => [m.name, m.name.endsWith("Purchases") || m.name === "transactions" ? "TYPE_INTEGER" : "TYPE_CURRENCY"]));
    expect((await fetch(`${sandbox.url}/v1beta/properties/999/metadata`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(403);
  });

  it("answers injected faults in Google's error shape, then serves again", async () => {
    const { sandbox, token } = await start();
    await control(sandbox, "injectFault", { point: "report", kind: "5xx", status: 503 });
    await control(sandbox, "injectFault", { point: "report", kind: "429", retryAfterSeconds: 7 });
    const unavailable = await runReport(sandbox, token, BY_TRANSACTION);
    expect([unavailable.status, unavailable.body.error!.status]).toEqual([503, "UNAVAILABLE"]);
    const limited = await fetch(`${sandbox.url}/v1beta/${sandbox.propertyName}:runReport`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(BY_TRANSACTION) });
    expect([limited.status, limited.headers.get("retry-after"), ((await limited.json()) as Report).error!.status]).toEqual([429, "7", "RESOURCE_EXHAUSTED"]);
    expect((await runReport(sandbox, token, BY_TRANSACTION)).status).toBe(200);
  });

  it("answers 401 without a valid token and 403 when the service account is not a user of the property", async () => {
    const { sandbox } = await start();
    const anonymous = await runReport(sandbox, "nope", BY_TRANSACTION);
    expect([anonymous.status, anonymous.body.error!.status]).toEqual([401, "UNAUTHENTICATED"]);
    const outsider = await start({ propertyUser: false });
    const denied = await runReport(outsider.sandbox, outsider.token, BY_TRANSACTION);
    expect([denied.status, denied.body.error!.status]).toEqual([403, "PERMISSION_DENIED"]);
  });
});

describe("sandbox GA4: token endpoint", () => {
  it("grants a token for a JWT signed with the issued key, and refuses a forged, expired or foreign-audience one", async () => {
    const { sandbox, clock, key } = await start();
    const granted = await tokenRequest(sandbox, { grant_type: JWT_BEARER, assertion: assertion(key, clock.now()) });
    expect(granted).toEqual({ status: 200, body: { access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: "Bearer" } });

    const other = await control<ServiceAccountKeyFile>(sandbox, "createServiceAccountKey", { email: "someone@else.iam.gserviceaccount.com" });
    const forged = assertion({ ...other, private_key_id: key.private_key_id, client_email: key.client_email }, clock.now());
    expect(await tokenRequest(sandbox, { grant_type: JWT_BEARER, assertion: forged })).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } });
    const expired = await tokenRequest(sandbox, { grant_type: JWT_BEARER, assertion: assertion(key, clock.now() - 2 * 3_600_000) });
    expect([expired.status, expired.body.error]).toEqual([400, "invalid_grant"]);
    const tooLong = await tokenRequest(sandbox, { grant_type: JWT_BEARER, assertion: assertion(key, clock.now(), { exp: Math.floor(clock.now() / 1000) + 7200 }) });
    expect([tooLong.status, tooLong.body.error]).toEqual([400, "invalid_grant"]);
    const audience = await tokenRequest(sandbox, { grant_type: JWT_BEARER, assertion: assertion(key, clock.now(), { aud: "https://oauth2.googleapis.com/token" }) });
    expect([audience.status, audience.body.error]).toEqual([400, "invalid_grant"]);
  });

  it("refreshes a user's access token with the same refresh token each time, for the registered client only", async () => {
    const { sandbox } = await start();
    const grant = await control<{ refresh_token: string }>(sandbox, "issueUserGrant");
    const params = { grant_type: "refresh_token", refresh_token: grant.refresh_token, client_id: GA4_DEV.client.clientId, client_secret: GA4_DEV.client.clientSecret };
    for (let i = 0; i < 2; i++) {
      const refreshed = await tokenRequest(sandbox, params);
      expect(refreshed).toEqual({ status: 200, body: { access_token: expect.any(String), expires_in: 3599, scope: SCOPES.readonly, token_type: "Bearer" } });
      expect((await runReport(sandbox, refreshed.body.access_token as string, { ...BY_TRANSACTION, limit: 1 })).status).toBe(200);
    }
    expect(await tokenRequest(sandbox, { ...params, client_secret: "wrong" })).toEqual({ status: 401, body: { error: "invalid_client", error_description: "The OAuth client was not found." } });
    expect((await tokenRequest(sandbox, { ...params, refresh_token: "1//unknown" })).body.error).toBe("invalid_grant");
  });

  it("exchanges the consent page's code once for a refresh token that reads the property", async () => {
    const { sandbox } = await start();
    const redirectUri = "http://localhost:3000/api/connections/ga4/callback";
    const consent = { client_id: GA4_DEV.client.clientId, redirect_uri: redirectUri, scope: SCOPES.readonly, state: "xyz", response_type: "code", access_type: "offline" };
    expect((await fetch(`${sandbox.url}/o/oauth2/v2/auth?${new URLSearchParams(consent)}`)).status).toBe(200);
    const approved = await fetch(`${sandbox.url}/o/oauth2/v2/auth`, { method: "POST", redirect: "manual", body: new URLSearchParams(consent) });
    const callback = new URL(approved.headers.get("location")!);
    expect([callback.origin + callback.pathname, callback.searchParams.get("state")]).toEqual([redirectUri, "xyz"]);
    const exchange = { grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: redirectUri, client_id: GA4_DEV.client.clientId, client_secret: GA4_DEV.client.clientSecret };
    const tokens = await tokenRequest(sandbox, exchange);
    expect(tokens).toEqual({ status: 200, body: { access_token: expect.any(String), expires_in: 3599, scope: SCOPES.readonly, token_type: "Bearer", refresh_token: expect.stringMatching(/^1\/\//) } });
    expect((await tokenRequest(sandbox, exchange)).body.error).toBe("invalid_grant");
    const refreshed = await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: tokens.body.refresh_token as string, client_id: GA4_DEV.client.clientId, client_secret: GA4_DEV.client.clientSecret });
    expect((await runReport(sandbox, refreshed.body.access_token as string, { ...BY_TRANSACTION, limit: 1 })).status).toBe(200);
  });
});

describe("sandbox GA4: state file", () => {
  it("keeps issued keys, access and refresh tokens and the property's users across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ga4-sandbox-"));
    try {
      const stateFile = join(dir, "ga4.json");
      const clock = new ManualClock(EPOCH);
      const first = await start({ clock, stateFile });
      const grant = await control<{ refresh_token: string }>(first.sandbox, "issueUserGrant");
      await first.sandbox.stop();

      const again = await startGa4Sandbox({ seed: "ga4-demo", shop: SHOP, clock, stateFile });
      sandboxes.push(again);
      expect((await runReport(again, first.token, { ...BY_TRANSACTION, limit: 1 })).status).toBe(200);
      // The key file's token_uri names the first run's port: the assertion is re-aimed at this one's.
      const key = { ...first.key, token_uri: `${again.url}/token` };
      expect((await tokenRequest(again, { grant_type: JWT_BEARER, assertion: assertion(key, clock.now()) })).status).toBe(200);
      const refreshed = await tokenRequest(again, { grant_type: "refresh_token", refresh_token: grant.refresh_token, client_id: GA4_DEV.client.clientId, client_secret: GA4_DEV.client.clientSecret });
      expect((await runReport(again, refreshed.body.access_token as string, { ...BY_TRANSACTION, limit: 1 })).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
