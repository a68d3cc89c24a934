// The GA4 sync against the sandbox GA4 in tests: the sandbox of a test file, a connection holding
// the OAuth tokens a person's consent yields (the sandbox's issueUserGrant control) or a service
// account's key file (createServiceAccountKey), the sync run
// through the engine's batches, and the purchase report both ways: as the sandbox's purchase
// events add up (computed here from the events, not through the sandbox's report code) and as the
// database holds it, per day and row, money as exact decimal strings.
import { afterAll, beforeAll } from "vitest";
import type { ManualClock } from "@/dev/sandbox/_kit/clock";
import { DEMO_PROPERTY, GA4_DEV, startGa4Sandbox, type Ga4Sandbox, type Ga4SandboxOptions, type ServiceAccountKeyFile } from "@/dev/sandbox/ga4";
import { dayIn } from "@/dev/sandbox/ga4/report";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { ConnectorSync } from "@/server/connectors/_core/sync";
import { db } from "@/server/db";
import { sealExchangedCredentials, sealOAuthCredentials } from "@/server/services/connections/credentials";
import { syncToEnd, type SyncToEndOptions } from "./sync-to-end";

/** The sandbox GA4 of a test file (on the port its vi.hoisted reserved: ga4-sandbox-env.ts), started before its tests and stopped after them. */
export function ga4SandboxPerFile(options: Ga4SandboxOptions & { clock: ManualClock }): () => Ga4Sandbox {
  let sandbox: Ga4Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startGa4Sandbox(options);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  return () => {
    if (!sandbox) throw new Error("The sandbox GA4 is started before the file's tests");
    return sandbox;
  };
}

/** Calls a control of the sandbox (dev/sandbox/ga4/server.ts). */
export async function ga4Control<T>(sandbox: Ga4Sandbox, name: string, body: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox/${name}`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`Sandbox GA4 control ${name}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/**
 * A GA4 connection to the demo property (of a new workspace), through a person's consent. A
 * property is one connection server-wide: each test's is told apart by its workspace (the sync
 * reads the property from the settings).
 */
export async function ga4Connection(sandbox: Ga4Sandbox) {
  const { workspace } = await buildWorkspaceWithOwner();
  const grant = await ga4Control<{ access_token: string; refresh_token: string; expires_in: number; scope: string }>(sandbox, "issueUserGrant");
  return buildConnection(workspace.id, {
    provider: "GA4",
    externalAccountId: `properties/${DEMO_PROPERTY.id}/${workspace.id}`,
    displayName: "GA4 · Demo Brand",
    authMethod: "OAUTH",
    settings: { propertyId: DEMO_PROPERTY.id, propertyName: "Demo Brand", timeZone: DEMO_PROPERTY.timeZone, currencyCode: DEMO_PROPERTY.currencyCode },
    encryptedCredentials: sealOAuthCredentials({
      accessToken: grant.access_token,
      accessTokenExpiresAt: new Date(Date.now() + grant.expires_in * 1000).toISOString(),
      refreshToken: grant.refresh_token,
      refreshTokenExpiresAt: null,
      scopes: grant.scope.split(" "),
    }),
  });
}

/**
 * A GA4 connection to the demo property through a service account's key file (the sandbox issues
 * the key and makes the account a user of the property). Its tokens are traded for the signed
 * assertion when first needed: the sandbox's clock must be near the real one, which signs it.
 */
export async function ga4ServiceAccountConnection(sandbox: Ga4Sandbox) {
  const { workspace } = await buildWorkspaceWithOwner();
  const key = await ga4Control<ServiceAccountKeyFile>(sandbox, "createServiceAccountKey", { email: `sync-${workspace.id}@${GA4_DEV.projectId}.iam.gserviceaccount.com` });
  return buildConnection(workspace.id, {
    provider: "GA4",
    externalAccountId: `properties/${DEMO_PROPERTY.id}/${workspace.id}`,
    displayName: "GA4 · Demo Brand",
    authMethod: "CREDENTIALS",
    settings: { propertyId: DEMO_PROPERTY.id, propertyName: "Demo Brand", timeZone: DEMO_PROPERTY.timeZone, currencyCode: DEMO_PROPERTY.currencyCode, serviceAccountEmail: key.client_email },
    encryptedCredentials: sealExchangedCredentials({ values: { keyFile: JSON.stringify(key) }, access: null }),
  });
}

/** The GA4 sync's streams through the engine's batches. */
export function syncGa4(connectionId: string, sync: ConnectorSync, options: SyncToEndOptions = {}) {
  return syncToEnd(connectionId, { GA4: { sync } }, sync.streams.map((s) => s.name), options);
}

/** A day's rows as "transactionId|sourceMedium|device revenue tax shipping purchases transactions", sorted. */
export type ReportDays = Map<string, string[]>;

const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

/** What the property reports for `from`..`to` (its days) at `now`: its purchase events added up per day and row. */
export function reportedDays(sandbox: Ga4Sandbox, { from, to, now }: { from: string; to: string; now: number }): ReportDays {
  const day = dayIn(DEMO_PROPERTY.timeZone);
  const rows = new Map<string, { date: string; key: string; revenue: number; tax: number; shipping: number; purchases: number; transactions: number }>();
  for (const event of sandbox.property.events) {
    const date = day(event.at);
    if (event.availableAt > now || date < from || date > to) continue;
    const key = `${event.transactionId}|${event.sessionSourceMedium}|${event.deviceCategory}`;
    const id = `${date} ${key}`;
    const row = rows.get(id) ?? { date, key, revenue: 0, tax: 0, shipping: 0, purchases: 0, transactions: 0 };
    rows.set(id, row);
    row.revenue += event.revenueCents;
    row.tax += event.taxCents;
    row.shipping += event.shippingCents;
    row.purchases++;
    if (event.transactionId !== "(not set)") row.transactions++;
  }
  const days: ReportDays = new Map();
  for (const row of rows.values()) {
    const list = days.get(row.date) ?? [];
    days.set(row.date, list);
    list.push(`${row.key} ${cents(row.revenue)} ${cents(row.tax)} ${cents(row.shipping)} ${row.purchases} ${row.transactions}`);
  }
  return sortedDays(days);
}

/** The same from a connection's AnalyticsPurchase rows. */
export async function storedDays(connectionId: string): Promise<ReportDays> {
  const days: ReportDays = new Map();
  for (const row of await db.analyticsPurchase.findMany({ where: { connectionId } })) {
    const date = row.date.toISOString().slice(0, 10);
    const list = days.get(date) ?? [];
    days.set(date, list);
    list.push(`${row.transactionId}|${row.sourceMedium}|${row.deviceCategory} ${row.revenue.toFixed(2)} ${row.tax.toFixed(2)} ${row.shipping.toFixed(2)} ${row.purchases} ${row.transactions}`);
  }
  return sortedDays(days);
}

function sortedDays(days: ReportDays): ReportDays {
  return new Map([...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, rows]) => [date, rows.sort()]));
}
