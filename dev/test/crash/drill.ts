// The crash drill's common steps, for the crash tests and the crash benchmark: the sandbox shop and
// the stack, a workspace connected to the shop with its "Sync now", the moment a sync is part-way,
// and a burst of webhooks with duplicates and out-of-order bodies.
import { startShopifySandbox, type SandboxShop, type ShopifySandbox, type StoreSnapshot, type WebhookDelivery } from "@/dev/sandbox/shopify";
import { buildPayload } from "@/dev/sandbox/shopify/webhooks";
import { installedConnection } from "@/dev/test/sandbox-shopify";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import { until } from "./recovery-checks";
import { CRASH_SHOPIFY_APP, CrashStack, crashWebhookTarget, testStackOptions, type CrashPorts } from "./stack";

export type Drill = { sandbox: ShopifySandbox; shop: SandboxShop; stack: CrashStack };

export type DrillOptions = {
  domain: string;
  orders: number;
  products?: number;
  /** Multiplies Shopify's webhook retry schedule (8 retries over 4 hours); default 0.005: over 72 s, the first after 0.3 s. */
  webhookRetryScale?: number;
  /** Shopify's cost bucket for the shop; default a fast one (2000 points, 50,000/s). */
  costLimits?: { maximumAvailable: number; restoreRate: number };
  /** The stack; default one with testStackOptions. */
  stack?: CrashStack;
};

/** A sandbox shop delivering webhooks to the stack's intake, and the stack, started. */
export async function startDrill(ports: CrashPorts, options: DrillOptions): Promise<Drill> {
  const sandbox = await startShopifySandbox({
    ...CRASH_SHOPIFY_APP,
    port: ports.sandbox,
    webhookTarget: crashWebhookTarget(ports),
    webhookRetryScale: options.webhookRetryScale ?? 0.005,
    shops: [
      {
        domain: options.domain,
        volume: { orders: options.orders, products: options.products ?? 60, locations: 2 },
        costLimits: options.costLimits ?? { maximumAvailable: 2000, restoreRate: 50_000 },
      },
    ],
  });
  const stack = options.stack ?? new CrashStack(testStackOptions(ports));
  try {
    await stack.start();
  } catch (error) {
    await Promise.allSettled([stack.stop(), sandbox.stop()]);
    throw error;
  }
  return { sandbox, shop: sandbox.shop(options.domain), stack };
}

export type Connected = { workspaceId: string; connectionId: string; syncNow(): Promise<{ jobRunId: string; coalesced: boolean }> };

/** A workspace connected to the shop; syncNow() is the "Sync now" button (connection.syncNow). */
export async function connectShop(shop: SandboxShop): Promise<Connected> {
  const { workspace, owner } = await buildWorkspaceWithOwner("Crash Drill Co");
  const connection = await installedConnection(workspace.id, shop);
  return {
    workspaceId: workspace.id,
    connectionId: connection.id,
    syncNow: () =>
      requestConnectionSync(workspaceDb(workspace.id), workspace.id, { connectionId: connection.id }, { trigger: "MANUAL", actor: { actorId: owner.id, ip: null, userAgent: null } }),
  };
}

const jobRun = (id: string) => db.jobRun.findUniqueOrThrow({ where: { id } });

/** Records as a sync counts them (an order, product or customer once, whatever its children), in a shop's or the database's snapshot. */
export function recordsIn({ counts }: StoreSnapshot): number {
  return (counts.orders ?? 0) + (counts.customers ?? 0) + (counts.products ?? 0) + (counts.locations ?? 0) + (counts.inventoryLevels ?? 0);
}

/** Waits until the sync run has read `fraction` of the shop's records; throws if it ended before. */
export async function midSync(jobRunId: string, shop: SandboxShop, fraction = 1 / 3, timeoutMs = 120_000) {
  const target = recordsIn(shop.snapshot()) * fraction;
  const run = await until(
    () => jobRun(jobRunId),
    (row) => row.status !== "QUEUED" && (row.status !== "RUNNING" || row.recordsRead >= target),
    `the sync to read ${Math.round(fraction * 100)} % of the shop`,
    timeoutMs,
  );
  if (run.status !== "RUNNING") throw new Error(`The sync ended (${run.status}) before it was ${Math.round(fraction * 100)} % through: ${run.error ?? ""}`);
  return run;
}

/** A run's final row, once it is neither QUEUED nor RUNNING. */
export const finished = (jobRunId: string, timeoutMs: number) =>
  until(() => jobRun(jobRunId), (row) => row.status !== "QUEUED" && row.status !== "RUNNING", `job run ${jobRunId} to finish`, timeoutMs);

export type Burst = {
  /** Orders changed (each delivered as orders/updated, newer and older bodies in either order, and a duplicate). */
  updated: number[];
  /** Orders deleted (orders/delete, then a late orders/updated from before the deletion). */
  deleted: number[];
  /** Deliveries the sandbox attempted at first (retries come on Shopify's schedule after). */
  attempts: number;
  /** Deliveries that got a 2xx answer at the first attempt. */
  acknowledged: number;
};

/**
 * A burst of webhooks, as a storm of merchant activity produces: `updates` orders changed, each
 * delivered twice (the new body and the body from before the change, in either order: Shopify does
 * not order deliveries) plus a duplicate of the first (same event id); `deletions` orders deleted,
 * each followed by a late orders/updated from before its deletion. `concurrency` deliveries in
 * flight at once; `during(burst)` is called once `duringAfter` of them have been acknowledged
 * (e.g. to kill the app), and the burst goes on meanwhile, so later deliveries meet the crash.
 */
export async function webhookBurst(
  shop: SandboxShop,
  options: { updates: number; deletions: number; concurrency?: number; duringAfter?: number; during?: () => Promise<void> },
): Promise<Burst> {
  const orders = shop.store.orders.summaries();
  if (orders.length < options.updates + options.deletions) throw new Error(`The shop has ${orders.length} orders, fewer than the burst needs`);
  const updated = orders.slice(0, options.updates).map((o) => o.id);
  const deleted = orders.slice(options.updates, options.updates + options.deletions).map((o) => o.id);
  const burst: Burst = { updated, deleted, attempts: 0, acknowledged: 0 };

  let during: Promise<void> | undefined;
  const sent = (deliveries: WebhookDelivery[]) => {
    burst.attempts += deliveries.length;
    burst.acknowledged += deliveries.filter((d) => d.status !== null && d.status >= 200 && d.status < 300).length;
    if (!during && options.during && burst.acknowledged >= (options.duringAfter ?? 0)) during = options.during();
  };
  const updates = updated.map((id, i) => async () => {
    const older = buildPayload(shop, "orders/updated", { id });
    shop.updateOrder(id, { tags: ["crash-drill"], note: `changed in the burst (${i})` });
    const bodies = i % 2 === 0 ? [undefined, older] : [older, undefined];
    const [first] = await shop.sendWebhook("orders/updated", { id, payload: bodies[0] });
    sent([first!]);
    sent(await shop.sendWebhook("orders/updated", { id, payload: bodies[1] }));
    sent([await shop.redeliver(first!)]);
  });
  const deletions = deleted.map((id) => async () => {
    const before = buildPayload(shop, "orders/updated", { id });
    shop.deleteOrder(id);
    sent(await shop.sendWebhook("orders/delete", { id }));
    sent(await shop.sendWebhook("orders/updated", { id, payload: before }));
  });
  // Deletions spread evenly through the updates, so the crash meets both.
  const every = Math.max(1, Math.floor(updates.length / Math.max(1, deletions.length)));
  const tasks = updates.flatMap((task, i) => (i % every === 0 && deletions.length > 0 ? [deletions.shift()!, task] : [task])).concat(deletions);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  await during;
  return burst;
}
