import { describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationIssue, buildReconciliationPair } from "@/prisma/factories/reconciliation";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";

// A pair's issues across a range of days (the pair's Issues view and its export): the list, keyset
// on (date desc, id desc), and the count and exact value of what the same filters select.

/** The fields a refused input names (what a form shows under each). */
function fieldsOf(error: { cause?: unknown }): string[] {
  if (!(error.cause instanceof ZodError)) throw new Error("expected a validation error");
  return Object.keys(z.flattenError(error.cause).fieldErrors);
}

// A pair with misses on four days (seven on 2 November, so pages break inside a day; pence that
// floats would not add up exactly; one in EUR), an extra in USD, two mismatches (one across
// currencies, which has no difference); a second pair of the same workspace with its own miss.
async function setUp(name = "Pair Issues") {
  const { workspace, owner } = await buildWorkspaceWithOwner(name);
  const viewer = (await buildMember(workspace.id, "VIEWER")).user;
  const { pair } = await buildReconciliationPair(workspace.id);
  const { pair: otherPair } = await buildReconciliationPair(workspace.id);
  const miss = (date: string, orderName: string, storeValue: string, currency = "GBP") =>
    buildReconciliationIssue(pair, date, "MISSING_IN_ANALYTICS", { orderName, storeValue, currency });
  await miss("2026-10-31", "#0999", "1000.00");
  await miss("2026-11-01", "#1000", "0.10");
  for (let n = 1; n <= 6; n++) await miss("2026-11-02", `#10${n.toString().padStart(2, "0")}`, "0.20");
  await miss("2026-11-02", "#1007", "5.5", "EUR");
  await miss("2026-11-03", "#1008", "19.99");
  await buildReconciliationIssue(pair, "2026-11-02", "EXTRA_IN_ANALYTICS", { transactionId: "T-1", currency: "USD", analyticsCurrency: "USD", analyticsValue: "7.25" });
  await buildReconciliationIssue(pair, "2026-11-02", "VALUE_MISMATCH", { orderName: "#2001", storeValue: "12.00", analyticsCurrency: "GBP", analyticsValue: "10.00", difference: "-2.00" });
  await buildReconciliationIssue(pair, "2026-11-03", "VALUE_MISMATCH", { orderName: "#2002", storeValue: "12.00", analyticsCurrency: "EUR", analyticsValue: "14.00" });
  await buildReconciliationIssue(otherPair, "2026-11-02", "MISSING_IN_ANALYTICS", { orderName: "#9001", storeValue: "50.00" });
  return { workspace, slug: workspace.slug, pair, otherPair, caller: callerFor(owner), viewer: callerFor(viewer) };
}

describe("a pair's issues across a range", () => {
  it("lists the misses by default, newest day first with ids breaking ties, each once across pages", async () => {
    const w = await setUp();
    const filters = { workspaceSlug: w.slug, pairId: w.pair.id, from: "2026-11-01", to: "2026-11-03" };
    const seen: { id: string; date: string; orderName: string | null; kind: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await w.viewer.reconciliation.issues({ ...filters, limit: 3, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);

    const expected = await db.reconciliationIssue.findMany({
      where: { pairId: w.pair.id, kind: "MISSING_IN_ANALYTICS", date: { gte: new Date("2026-11-01"), lte: new Date("2026-11-03") } },
      orderBy: [{ date: "desc" }, { id: "desc" }],
    });
    expect(pages).toBe(3);
    expect(seen.map((issue) => issue.id)).toEqual(expected.map((issue) => issue.id));
    expect(new Set(seen.map((issue) => issue.kind))).toEqual(new Set(["MISSING_IN_ANALYTICS"]));
    expect(seen.map((issue) => issue.date)).toEqual(["2026-11-03", ...Array(7).fill("2026-11-02"), "2026-11-01"]);
    expect(seen.map((issue) => issue.orderName)).not.toContain("#0999");
    expect(seen.map((issue) => issue.orderName)).not.toContain("#9001");
  });

  it("totals what the filters select, exactly and per currency, for any role", async () => {
    const w = await setUp();
    const totals = (filters: object) => w.viewer.reconciliation.issueTotals({ workspaceSlug: w.slug, pairId: w.pair.id, ...filters });

    expect(await totals({ from: "2026-11-01", to: "2026-11-03" })).toEqual({
      count: 9,
      values: [
        { currency: "EUR", value: "5.5" },
        { currency: "GBP", value: "21.29" },
      ],
    });
    expect(await totals({})).toEqual({ count: 10, values: [{ currency: "EUR", value: "5.5" }, { currency: "GBP", value: "1021.29" }] });
    expect(await totals({ to: "2026-11-01" })).toEqual({ count: 2, values: [{ currency: "GBP", value: "1000.1" }] });
    expect(await totals({ date: "2026-11-02", kind: "MISSING_IN_ANALYTICS" })).toEqual({ count: 7, values: [{ currency: "EUR", value: "5.5" }, { currency: "GBP", value: "1.2" }] });
    // Extras are worth what analytics recorded; mismatches their net difference, none across currencies.
    expect(await totals({ kind: "EXTRA_IN_ANALYTICS" })).toEqual({ count: 1, values: [{ currency: "USD", value: "7.25" }] });
    expect(await totals({ kind: "VALUE_MISMATCH" })).toEqual({ count: 2, values: [{ currency: "GBP", value: "-2" }] });
    expect(await totals({ kind: "DUPLICATE" })).toEqual({ count: 0, values: [] });
    expect(await totals({ from: "2026-12-01" })).toEqual({ count: 0, values: [] });
  });

  it("names a bad field, and never reads another workspace's pair", async () => {
    const w = await setUp();
    const other = await setUp("Other Brand");
    const base = { workspaceSlug: w.slug, pairId: w.pair.id };

    const reversed = await errorOf(w.caller.reconciliation.issueTotals({ ...base, from: "2026-11-03", to: "2026-11-01" }));
    expect(reversed.code).toBe("BAD_REQUEST");
    expect(fieldsOf(reversed)).toEqual(["to"]);
    const kind = await errorOf(w.caller.reconciliation.issueTotals({ ...base, kind: "LOST" as never }));
    expect(kind.code).toBe("BAD_REQUEST");
    expect(fieldsOf(kind)).toEqual(["kind"]);
    const both = await errorOf(w.caller.reconciliation.issueTotals({ ...base, date: "2026-11-02", to: "2026-11-03" }));
    expect(both.code).toBe("BAD_REQUEST");
    expect(fieldsOf(both)).toEqual(["date"]);

    expect((await errorOf(w.caller.reconciliation.issueTotals({ ...base, pairId: other.pair.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(w.caller.reconciliation.issues({ ...base, pairId: other.pair.id }))).code).toBe("NOT_FOUND");
  });
});
