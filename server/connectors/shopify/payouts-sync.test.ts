import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ALL_SCOPES, startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { centsToAmount } from "@/dev/sandbox/_kit/money";
import { payoutStatus } from "@/dev/sandbox/shopify/payouts";
import { ledgerOf } from "@/dev/sandbox/shopify/payouts-view";
import { connectThroughConsent } from "@/dev/test/oauth-consent";
import { installedConnection } from "@/dev/test/sandbox-shopify";
import { syncToEnd } from "@/dev/test/sync-to-end";
import { buildWorkspaceWithOwner, type TestUser } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { findConnections } from "@/server/services/connections/find-connections";
import type { SyncConnectors } from "@/server/services/sync/sync-connectors";
import { createShopifySync, shopifyConnector } from ".";

// Shopify Payments payouts and balance transactions synced from the sandbox over real HTTP: the
// database equals the sandbox's ledger, an incremental run picks up payouts whose status moved on,
// and a shop installed without read_shopify_payments_payouts has the streams skipped until the
// admin grants it through Shopify's sign-in again.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => {
  const { freePort } = await import("@/dev/test/free-port");
  const port = await freePort();
  Object.assign(process.env, {
    SHOPIFY_API_KEY: "payouts-test-key",
    SHOPIFY_API_SECRET: "payouts-test-secret",
    SHOPIFY_SHOP_ORIGIN: `http://localhost:${port}/shops/{shop}`,
  });
  return { SANDBOX_PORT: port };
});

const FAST = { maximumAvailable: 2000, restoreRate: 50_000 };
const PAID_OUT = "payouts-main.myshopify.com";
const UPGRADED = "payouts-upgrade.myshopify.com";
const PAYOUTS_SCOPE = "read_shopify_payments_payouts";
// Real time shifted: it runs (the sandbox's cost bucket refills), and starts two minutes before a
// midnight UTC. Payouts are issued at midnight, so five minutes on a SCHEDULED payout becomes
// IN_TRANSIT or an IN_TRANSIT one PAID. Shopify's signed redirects are checked against
// real time, so the grant happens with no shift.
let shift = Date.UTC(2026, 9, 15, 23, 58) - Date.now();
const clock = { now: () => Date.now() + shift };

let sandbox: ShopifySandbox;
beforeAll(async () => {
  sandbox = await startShopifySandbox({
    apiKey: "payouts-test-key",
    apiSecret: "payouts-test-secret",
    port: SANDBOX_PORT,
    clock,
    shops: [
      { domain: PAID_OUT, volume: { orders: 400, products: 15, locations: 1 }, costLimits: FAST },
      { domain: UPGRADED, volume: { orders: 60, products: 10, locations: 1 }, costLimits: FAST },
    ],
  });
}, 60_000);
afterAll(() => sandbox?.stop());

const connectors: SyncConnectors = { SHOPIFY: { sync: createShopifySync() } };
const STREAMS = shopifyConnector.sync.streams.map((s) => s.name);

/** The sandbox's ledger as the database should hold it. */
function expectedLedger(domain: string) {
  const shop = sandbox.shop(domain);
  const ledger = ledgerOf(shop.store);
  const now = clock.now();
  return {
    payouts: ledger.payouts.map((p) => [String(p.id), payoutStatus(p, now), centsToAmount(p.netCents), new Date(p.issuedAt).toISOString()]),
    transactions: ledger.transactions.map((t) => [
      String(t.id),
      String(t.payoutId),
      t.type,
      centsToAmount(t.amountCents),
      centsToAmount(t.feeCents),
      centsToAmount(t.netCents),
      String(t.orderId),
      String(t.orderTransactionId),
    ]),
  };
}

async function storedLedger(connectionId: string) {
  const payouts = await db.payout.findMany({ where: { connectionId }, orderBy: { externalId: "asc" } });
  const transactions = await db.payoutBalanceTransaction.findMany({ where: { connectionId }, orderBy: { externalId: "asc" } });
  return {
    payouts: payouts.map((p) => [p.externalId, p.status, p.net.toFixed(2), p.issuedAt.toISOString()]),
    transactions: transactions.map((t) => [t.externalId, t.payoutExternalId, t.type, t.amount.toFixed(2), t.fee.toFixed(2), t.net.toFixed(2), t.orderExternalId, t.orderTransactionExternalId]),
  };
}

const byStream = async (workspaceId: string) => Object.fromEntries((await findConnections(workspaceDb(workspaceId)))[0]!.streams.map((s) => [s.stream, s]));

describe("Shopify Payments sync", () => {
  it("stores every payout and balance transaction exactly, linked to the orders and order transactions they settle, and re-reads payouts whose status moves on", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await installedConnection(workspace.id, sandbox.shop(PAID_OUT), { scopes: [...ALL_SCOPES, PAYOUTS_SCOPE] });
    await syncToEnd(connection.id, connectors, STREAMS);

    const expected = expectedLedger(PAID_OUT);
    expect(expected.payouts.length).toBeGreaterThan(100);
    expect(await storedLedger(connection.id)).toEqual(expected);
    // Each payout's net is the exact sum of its transactions' nets (numeric arithmetic in SQL).
    const mismatched = await db.$queryRaw<{ externalId: string }[]>`
      SELECT p."externalId" FROM "Payout" p
      LEFT JOIN "PayoutBalanceTransaction" t ON t."connectionId" = p."connectionId" AND t."payoutExternalId" = p."externalId"
      WHERE p."connectionId" = ${connection.id}
      GROUP BY p."id" HAVING p."net" <> coalesce(sum(t."net"), 0)`;
    expect(mismatched).toEqual([]);
    // Every transaction names a stored order and one of that order's transactions (a refund's own).
    const [unlinked] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "PayoutBalanceTransaction" t
      WHERE t."connectionId" = ${connection.id} AND NOT EXISTS (
        SELECT 1 FROM "OrderTransaction" ot JOIN "Order" o ON o."id" = ot."orderId"
        WHERE ot."connectionId" = t."connectionId" AND ot."externalId" = t."orderTransactionExternalId" AND o."externalId" = t."orderExternalId")`;
    expect(unlinked!.n).toBe(0);

    // Midnight passes: statuses move on; nothing else changes.
    const before = new Map(expected.payouts.map(([id, status]) => [id, status]));
    shift += 5 * 60_000;
    const after = expectedLedger(PAID_OUT);
    const moved = after.payouts.filter(([id, status]) => before.get(id) !== status).map(([id, status]) => `${id} ${before.get(id)}→${status}`);
    expect(moved.length).toBeGreaterThan(0);

    const second = await syncToEnd(connection.id, connectors, STREAMS);
    expect(await storedLedger(connection.id)).toEqual(after);
    // A window, not everything again: the payouts of the last two weeks or still open.
    expect(second.reads.payouts).toBeLessThan(30);
    const run = await db.jobRun.findUniqueOrThrow({ where: { id: second.jobRunId } });
    // The payouts that moved were written; every other copy re-read was unchanged.
    expect(run.recordsUpdated).toBe(moved.length);
  }, 120_000);

  it("skips the payouts streams with a warning naming the scope, offers Grant access, and reads them after the grant", async () => {
    shift = 0;
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const shop = sandbox.shop(UPGRADED);
    const connection = await installedConnection(workspace.id, shop, { scopes: ALL_SCOPES });
    await syncToEnd(connection.id, connectors, STREAMS);

    const skipped = await byStream(workspace.id);
    for (const stream of ["payouts", "balanceTransactions"]) {
      expect(skipped[stream]!.warning).toContain(PAYOUTS_SCOPE);
      expect(skipped[stream]!.missingScopes).toEqual([PAYOUTS_SCOPE]);
    }
    expect(skipped.orders!.missingScopes).toEqual([]);
    expect(await db.payout.count({ where: { connectionId: connection.id } })).toBe(0);
    const [listed] = await findConnections(workspaceDb(workspace.id));
    expect(listed!.grantAccess).toEqual({
      scopes: [PAYOUTS_SCOPE],
      path: `/api/connections/shopify/install?workspace=${workspace.slug}&shop=${UPGRADED}`,
    });

    await grantThroughShopify(owner, listed!.grantAccess!.path);
    const stored = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect((stored.settings as { grantedScopes: string[] }).grantedScopes).toContain(PAYOUTS_SCOPE);

    await syncToEnd(connection.id, connectors, STREAMS);
    expect(await storedLedger(connection.id)).toEqual(expectedLedger(UPGRADED));
    const read = await byStream(workspace.id);
    expect(read.payouts).toMatchObject({ warning: null, missingScopes: [] });
    expect(read.payouts!.recordsRead).toBeGreaterThan(0);
    expect((await findConnections(workspaceDb(workspace.id)))[0]!.grantAccess).toBeNull();
  }, 120_000);
});

/** What the Grant access link does: the install route's start, Shopify's consent page approved, and the callback. */
async function grantThroughShopify(user: TestUser, path: string) {
  const { consent } = await connectThroughConsent("SHOPIFY", user.id, new URL(path, "http://meridian.test").searchParams);
  expect(consent.searchParams.get("scope")!.split(",")).toContain(PAYOUTS_SCOPE);
}
