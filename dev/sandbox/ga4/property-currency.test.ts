import { sign } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_PROPERTY, KEY_DOWNLOAD_PATH, SCOPES } from "./config";
import { startGa4Sandbox, type Ga4Sandbox } from "./server";
import { JWT_BEARER, type ServiceAccountKeyFile } from "./token-endpoint";

// The demo property's currency is the shop's, in both places a connector reads it: properties.get
// (stored when the property is picked) and a report's metadata (stored with its rows). A GBP shop
// behind a USD property made every purchase a currency mismatch for the reconciliation.

const sandboxes: Ga4Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
});

async function tokenOf(sandbox: Ga4Sandbox): Promise<string> {
  const key = (await (await fetch(`${sandbox.url}${KEY_DOWNLOAD_PATH}`)).json()) as ServiceAccountKeyFile;
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const iat = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: "RS256", typ: "JWT", kid: key.private_key_id })}.${part({ iss: key.client_email, scope: SCOPES.readonly, aud: key.token_uri, iat, exp: iat + 3600 })}`;
  const assertion = `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), key.private_key).toString("base64url")}`;
  const answer = await fetch(`${sandbox.url}/token`, { method: "POST", body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }) });
  return ((await answer.json()) as { access_token: string }).access_token;
}

async function currencies(shopCurrency: string | undefined) {
  const sandbox = await startGa4Sandbox({ seed: "ga4-currency", shop: { seed: 7, volume: { orders: 20 }, epoch: Date.UTC(2026, 9, 15), currency: shopCurrency } });
  sandboxes.push(sandbox);
  const authorization = `Bearer ${await tokenOf(sandbox)}`;
  const property = (await (await fetch(`${sandbox.url}/v1beta/properties/${DEMO_PROPERTY.id}`, { headers: { authorization } })).json()) as { currencyCode: string };
  const report = await fetch(`${sandbox.url}/v1beta/${sandbox.propertyName}:runReport`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify({ dateRanges: [{ startDate: "2024-01-01", endDate: "today" }], dimensions: [{ name: "transactionId" }], metrics: [{ name: "purchaseRevenue" }] }),
  });
  return { property: property.currencyCode, report: ((await report.json()) as { metadata: { currencyCode: string } }).metadata.currencyCode };
}

describe("sandbox GA4: the demo property's currency", () => {
  it("is the shop's, in properties.get and in the report's metadata", async () => {
    expect(await currencies("GBP")).toEqual({ property: "GBP", report: "GBP" });
  });

  it("is the demo property's own when the shop names none", async () => {
    expect(await currencies(undefined)).toEqual({ property: DEMO_PROPERTY.currencyCode, report: DEMO_PROPERTY.currencyCode });
  });
});
