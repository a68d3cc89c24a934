// The crash tests' common steps: the sandbox shop and the stack, a workspace connected to the shop
// with its "Sync now", the moment a sync is half-way, and the proof that everything recovered.
import { expect } from "vitest";
import { startShopifySandbox, type SandboxShop, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { differencesFromShop, installedConnection } from "@/dev/test/sandbox-shopify";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import { isEmpty, runsWithCountsNotAddingUp, runsWithoutLiveRun, unsettledDeliveries, until } from "./recovery-checks";
import { CRASH_SHOPIFY_APP, CrashStack, crashWebhookTarget, type CrashPorts, type CrashStackOptions } from "./stack";

/** How long a check may take to hold after the restart and the recovery before the test fails. */
export const RECOVERY_BOUND_MS = 60_000;

export type Drill = { sandbox: ShopifySandbox; shop: SandboxShop; stack: CrashStack };

/**
 * A sandbox shop (small, with a fast cost bucket) delivering webhooks to the stack's intake, its
 * retries compressed (`webhookRetryScale` 0.005: 8 retries over 72 s, the first after 0.3 s), and
 * the stack, whose sync reads bulk files 100 orders a step so a sync has many steps to die in.
 */
export async function startDrill(ports: CrashPorts, options: { domain: string; orders: number; stack?: Partial<CrashStackOptions> }): Promise<Drill> {
  const sandbox = await startShopifySandbox({
    ...CRASH_SHOPIFY_APP,
    port: ports.sandbox,
    webhookTarget: crashWebhookTarget(ports),
    webhookRetryScale: 0.005,
    shops: [{ domain: options.domain, volume: { orders: options.orders, products: 60, locations: 2 }, costLimits: { maximumAvailable: 2000, restoreRate: 50_000 } }],
  });
  const stack = new CrashStack({
    ports,
    syncOptions: { bulkBatchSize: 100, stepBudgetMs: 0, pollIntervalMs: 50 },
    runnerBackoffMs: [50, 500],
    ...(process.env.CRASH_LOG ? { log: (line) => console.log(line) } : {}),
    ...options.stack,
  });
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

/** Waits until the sync run has stored `fraction` of the shop's records, and is still running. */
export async function midSync(jobRunId: string, shop: SandboxShop, fraction = 1 / 3) {
  const { counts } = shop.snapshot();
  const records = (counts.orders ?? 0) + (counts.customers ?? 0) + (counts.products ?? 0) + (counts.locations ?? 0) + (counts.inventoryLevels ?? 0);
  const run = await until(() => jobRun(jobRunId), (row) => row.status !== "QUEUED" && (row.status !== "RUNNING" || row.recordsRead >= records * fraction), `the sync to read ${Math.round(fraction * 100)} % of the shop`);
  expect(run.status).toBe("RUNNING");
  return run;
}

/** A run's final row, once it is neither QUEUED nor RUNNING. */
export const finished = (jobRunId: string, timeoutMs = RECOVERY_BOUND_MS) =>
  until(() => jobRun(jobRunId), (row) => row.status !== "QUEUED" && row.status !== "RUNNING", `job run ${jobRunId} to finish`, timeoutMs);

/**
 * Issue 11's proof, each within RECOVERY_BOUND_MS of the recovery: no QUEUED or RUNNING row without
 * a live run in the runner; "Sync now" starts a real run (or answers with a live one) and that run
 * succeeds; every delivery final; the database equal to the shop; every JobRun's counts adding up.
 */
export async function expectRecovered(drill: Drill, connected: Connected) {
  expect(await until(() => runsWithoutLiveRun(), isEmpty, "no run in flight without a live run", RECOVERY_BOUND_MS)).toEqual([]);

  const answer = await connected.syncNow();
  expect((await finished(answer.jobRunId)).status).toBe("SUCCEEDED");

  expect(await until(() => unsettledDeliveries(connected.connectionId), isEmpty, "every delivery final", RECOVERY_BOUND_MS)).toEqual([]);
  expect(await until(() => differencesFromShop(connected.connectionId, drill.shop), isEmpty, "the database to equal the shop", RECOVERY_BOUND_MS)).toEqual([]);
  expect(await runsWithCountsNotAddingUp(connected.connectionId)).toEqual([]);
  return answer;
}
