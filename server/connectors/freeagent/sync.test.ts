import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "@/dev/sandbox/freeagent";
import { freeAgentSandboxPerFile } from "@/dev/test/freeagent-sandbox-per-file";
import { allowanceOf, freeagentConnection, freeagentSync, sandboxSnapshot, storedSnapshot, syncFreeAgent } from "@/dev/test/sandbox-freeagent";
import type { RequestEvent } from "@/server/connectors/_core/http";
import { db, workspaceDb } from "@/server/db";
import { findConnections } from "@/server/services/connections/find-connections";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import type { FreeAgentSyncOptions } from ".";
import { createFreeAgentAccounting } from "./accounting";

// The FreeAgent sync against the sandbox FreeAgent over real HTTP, through the sync engine's
// batches into PostgreSQL: the database equals what the sandbox serves (counts and checksums per
// resource, money as exact decimal strings) after a backfill, after changes read incrementally,
// and after a run killed midway; a Banking-level user's connection skips what that level cannot
// read, with a warning, and syncs the rest. The sandbox's clock is manual (its rate limits count on
// it); each test starts an hour later, so its windows are empty.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/freeagent-sandbox-env")).pointFreeAgentAtFreePort() }));

const EPOCH = Date.UTC(2026, 9, 15);
const clock = new ManualClock(EPOCH);
const sandbox = freeAgentSandboxPerFile({
  seed: "connector-sync",
  epoch: EPOCH,
  volume: { bankTransactions: 60, invoices: 25, bills: 12, contacts: 14, accountingTransactions: 40 },
  clock,
  port: SANDBOX_PORT,
});

/** One page a batch, pages of 10: several pages per list. */
function tuned(options: FreeAgentSyncOptions = {}) {
  const statuses: number[] = [];
  const paths: string[] = [];
  const onRequest = (e: RequestEvent) => {
    statuses.push(e.status ?? 0);
    paths.push(new URL(e.url).pathname);
  };
  return { sync: freeagentSync({ pageSize: 10, batchBudgetMs: 0, onRequest, ...options }), statuses, paths };
}

const counts = (jobRunId: string) =>
  db.jobRun.findUniqueOrThrow({ where: { id: jobRunId }, select: { recordsRead: true, recordsInserted: true, recordsUpdated: true, recordsUnchanged: true, recordsDeleted: true } });

describe("FreeAgent sync", () => {
  it("ends with the database equal to FreeAgent; a second sync with nothing changed writes nothing", async () => {
    const connection = await freeagentConnection(sandbox());
    const { sync, statuses } = tuned();
    const first = await syncFreeAgent(connection.id, sync);
    const want = sandboxSnapshot(sandbox());
    expect(await storedSnapshot(connection.id)).toEqual(want);
    expect(Object.keys(want.counts)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const all = Object.values(want.counts).reduce((n, c) => n + c, 0);
    // The explanations arrive twice: stored with their transactions (which embed them), then read
    // unchanged as a stream of their own.
    const explanations = want.counts.bank_transaction_explanations!;
    expect(explanations).toBeGreaterThan(0);
    expect(await counts(first.jobRunId)).toEqual({ recordsRead: all, recordsInserted: all - explanations, recordsUpdated: 0, recordsUnchanged: explanations, recordsDeleted: 0 });

    const second = await syncFreeAgent(connection.id, sync);
    const again = await counts(second.jobRunId);
    expect(again).toMatchObject({ recordsInserted: 0, recordsUpdated: 0, recordsDeleted: 0 });
    expect(again.recordsUnchanged).toBe(again.recordsRead);
    // Read whole again (no updated_since at FreeAgent), written not at all.
    expect(second.reads).toMatchObject({ contacts: want.counts.contacts, categories: want.counts.categories, ledgerTransactions: want.counts.accounting_transactions });
    // Read by change: only the last few minutes' again.
    expect(second.reads.bankTransactions ?? 0).toBeLessThan(want.counts.bank_transactions!);
    expect(await storedSnapshot(connection.id)).toEqual(want);
  }, 60_000);

  it("reads what changed since the last run: a new deposit, an explanation posted through the accounting capability and one deleted", async () => {
    const connection = await freeagentConnection(sandbox());
    const { sync } = tuned();
    await syncFreeAgent(connection.id, sync);

    clock.advance(60_000);
    const deposit = sandbox().addBankTransaction({ datedOn: "2026-10-14", amount: "1234.5", description: "SHOPIFY PAYMENTS GB" }) as { url: string };
    const ctx = { ...(await getConnectionAccess(connection.id, { provider: "FREEAGENT" })), allowance: allowanceOf(connection.id) };
    const accounting = createFreeAgentAccounting();
    const posted = await accounting.createExplanation(ctx, {
      bankTransactionExternalId: deposit.url,
      datedOn: "2026-10-14",
      grossValue: "1000.0",
      categoryExternalId: `${sandbox().base}/categories/002`,
      description: "Shopify sales",
    });
    expect(posted).toMatchObject({ bankTransactionExternalId: deposit.url, grossValue: "1000.0", categoryExternalId: `${sandbox().base}/categories/002` });
    expect(await accounting.readBankTransaction(ctx, deposit.url)).toMatchObject({ amount: "1234.5", unexplainedAmount: "234.5", explanations: [expect.objectContaining({ externalId: posted.externalId })] });
    const explained = await db.bankTransactionExplanation.findFirstOrThrow({ where: { connectionId: connection.id }, orderBy: { externalId: "asc" } });
    await accounting.deleteExplanation(ctx, explained.externalId);
    // Already gone: an undo retried does not fail.
    await accounting.deleteExplanation(ctx, explained.externalId);

    const second = await syncFreeAgent(connection.id, sync);
    expect(await storedSnapshot(connection.id)).toEqual(sandboxSnapshot(sandbox()));
    const stored = await db.bankTransaction.findFirstOrThrow({ where: { connectionId: connection.id, externalId: deposit.url } });
    expect([stored.amount.toString(), stored.unexplainedAmount.toString()]).toEqual(["1234.5", "234.5"]);
    expect(await db.bankTransactionExplanation.findUniqueOrThrow({ where: { id: explained.id } })).toMatchObject({ deletedAt: expect.any(Date) });
    // Incremental: the changed transactions (and the few within the overlap), not the account's history.
    expect(second.reads.bankTransactions).toBeLessThan(10);
  }, 60_000);

  it("resumes a run killed midway through the bank transactions at the page after the last one stored", async () => {
    const connection = await freeagentConnection(sandbox());
    const { sync } = tuned();
    const killed = await syncFreeAgent(connection.id, sync, { killAfter: { stream: "bankTransactions", batches: 3 } });
    expect(killed.stopped).toBe(true);
    const partial = killed.reads.bankTransactions!;
    expect(partial).toBeGreaterThan(0);
    // Its progress in pages of the account being read, out of the last page FreeAgent's Link names (what the expected finish is estimated from).
    const progress = await db.jobRun.findUniqueOrThrow({ where: { id: killed.jobRunId }, select: { progressDone: true, progressTotal: true } });
    expect(progress.progressDone).toBe(3);
    expect(progress.progressTotal).toBeGreaterThan(3);

    const resumed = await syncFreeAgent(connection.id, sync);
    const want = sandboxSnapshot(sandbox());
    expect(resumed.reads.bankTransactions).toBe(want.counts.bank_transactions! - partial);
    expect(await storedSnapshot(connection.id)).toEqual(want);
  }, 60_000);

  it("asks FreeAgent for the user's access level once a run, though every stream's beginning checks it, and again the next run", async () => {
    const connection = await freeagentConnection(sandbox());
    const { sync, paths } = tuned();
    const userLookups = () => paths.filter((p) => p === "/v2/users/me").length;
    await syncFreeAgent(connection.id, sync);
    expect(userLookups()).toBe(1);
    await syncFreeAgent(connection.id, sync);
    expect(userLookups()).toBe(2);
  }, 60_000);

  it("with a Banking-level user, skips users, categories and accounting transactions with a warning and syncs the rest", async () => {
    const connection = await freeagentConnection(sandbox(), 2);
    const { sync, statuses } = tuned();
    await syncFreeAgent(connection.id, sync);
    expect(statuses.filter((s) => s === 403)).toEqual([]);
    const states = await db.streamState.findMany({ where: { connectionId: connection.id }, select: { stream: true, state: true } });
    const warnings = Object.fromEntries(states.flatMap((s) => ((s.state as { warning?: string })?.warning ? [[s.stream, (s.state as { warning: string }).warning]] : [])));
    expect(Object.keys(warnings).sort()).toEqual(["categories", "ledgerTransactions", "users"]);
    expect(warnings.ledgerTransactions).toBe(
      "Skipped: reading accounting transactions needs FreeAgent access level 7 (Tax, Accounting & Users); the user who connected has level 6 (Banking). " +
        "Ask a FreeAgent admin to raise their access level, or reconnect as a user with it.",
    );
    // Signing in again as the same user grants no higher level: the card offers no "Grant access".
    const [card] = await findConnections(workspaceDb(connection.workspaceId));
    expect(card!.streams.find((s) => s.stream === "ledgerTransactions")!.warning).toBe(warnings.ledgerTransactions);
    expect(card!.grantAccess).toBeNull();
    const want = sandboxSnapshot(sandbox());
    const have = await storedSnapshot(connection.id);
    for (const resource of ["company", "contacts", "invoices", "bills", "bank_accounts", "bank_transactions", "bank_transaction_explanations"]) {
      expect([resource, have.checksums[resource]]).toEqual([resource, want.checksums[resource]]);
    }
    expect(have.counts).not.toHaveProperty("users");
    expect(have.counts).not.toHaveProperty("accounting_transactions");
  }, 60_000);
});
