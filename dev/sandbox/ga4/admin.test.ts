import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountSummariesResponse, propertyResource } from "./admin";
import { DEMO_PROPERTY, KEY_DOWNLOAD_PATH, SECOND_PROPERTY } from "./config";
import { startGa4Sandbox, type Ga4Sandbox } from "./server";
import type { ServiceAccountKeyFile } from "./token-endpoint";

// The sandbox GA4's Admin API over real HTTP: the properties a token's account can read, paged,
// in the published shape; and the key file a person downloads for the dev flow.

let sandbox: Ga4Sandbox;
beforeAll(async () => {
  sandbox = await startGa4Sandbox({ seed: "ga4-admin", shop: { seed: 7, volume: { orders: 10 }, epoch: Date.UTC(2026, 9, 15) } });
});
afterAll(async () => {
  await sandbox?.stop();
});

async function control<T>(name: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox/${name}`, { method: "POST", body: JSON.stringify(body) });
  return (await response.json()) as T;
}

/** A user's access token (as after consent) for `email`. */
async function tokenFor(email: string, properties: { secondProperty: boolean; propertyUser?: boolean }): Promise<string> {
  const grant = await control<{ access_token: string }>("issueUserGrant", { email, propertyUser: properties.propertyUser ?? true });
  if (properties.secondProperty) sandbox.secondPropertyUsers.add(email);
  return grant.access_token;
}

const get = async (path: string, token?: string) => {
  const response = await fetch(`${sandbox.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("sandbox GA4: the Admin API", () => {
  it("lists only the properties the token's account is a user of, an account summary a page, in the published shape", async () => {
    const token = await tokenFor("two@demo-brand.example", { secondProperty: true });
    const first = await get("/v1beta/accountSummaries?pageSize=1", token);
    expect(first.status).toBe(200);
    const page = accountSummariesResponse.parse(first.body);
    expect(page.accountSummaries).toEqual([
      {
        name: `accountSummaries/${DEMO_PROPERTY.account.id}`,
        account: `accounts/${DEMO_PROPERTY.account.id}`,
        displayName: DEMO_PROPERTY.account.displayName,
        propertySummaries: [{ property: `properties/${DEMO_PROPERTY.id}`, displayName: DEMO_PROPERTY.displayName, propertyType: "PROPERTY_TYPE_ORDINARY", parent: `accounts/${DEMO_PROPERTY.account.id}` }],
      },
    ]);
    const second = accountSummariesResponse.parse((await get(`/v1beta/accountSummaries?pageSize=1&pageToken=${page.nextPageToken}`, token)).body);
    expect(second.accountSummaries?.map((a) => a.propertySummaries?.[0]?.property)).toEqual([`properties/${SECOND_PROPERTY.id}`]);
    expect(second.nextPageToken).toBeUndefined();

    const oneOnly = accountSummariesResponse.parse((await get("/v1beta/accountSummaries", await tokenFor("one@demo-brand.example", { secondProperty: false }))).body);
    expect(oneOnly.accountSummaries?.flatMap((a) => a.propertySummaries?.map((p) => p.property))).toEqual([`properties/${DEMO_PROPERTY.id}`]);
    // A user of nothing gets an empty answer: no accountSummaries at all, as proto3 JSON omits an empty list.
    expect((await get("/v1beta/accountSummaries", await tokenFor("none@demo-brand.example", { secondProperty: false, propertyUser: false }))).body).toEqual({});
    expect((await get("/v1beta/accountSummaries")).status).toBe(401);
  });

  it("answers a property's time zone and currency to its users only", async () => {
    const token = await tokenFor("reader@demo-brand.example", { secondProperty: false });
    const property = await get(`/v1beta/properties/${DEMO_PROPERTY.id}`, token);
    expect(propertyResource.parse(property.body)).toMatchObject({ displayName: DEMO_PROPERTY.displayName, timeZone: DEMO_PROPERTY.timeZone, currencyCode: DEMO_PROPERTY.currencyCode });
    const refused = await get(`/v1beta/properties/${SECOND_PROPERTY.id}`, token);
    expect(refused).toMatchObject({ status: 403, body: { error: { status: "PERMISSION_DENIED" } } });
  });

  it("hands a person a new key file of a user of both properties", async () => {
    const response = await fetch(`${sandbox.url}${KEY_DOWNLOAD_PATH}`);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="meridian-sandbox-[0-9a-f]{12}\.json"$/);
    const key = (await response.json()) as ServiceAccountKeyFile;
    expect(key).toMatchObject({ type: "service_account", token_uri: `${sandbox.url}/token` });
    expect(sandbox.propertyUsers.has(key.client_email) && sandbox.secondPropertyUsers.has(key.client_email)).toBe(true);
  });
});
