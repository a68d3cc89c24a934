import { describe, expect, it } from "vitest";
import { bankTransactionExplanationRecord, bankTransactionRecord } from "@/prisma/factories/accounting";
import { at, buildCommerceScope } from "@/prisma/factories/commerce";
import type { BankTransactionExplanationRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { ingestBankTransactions } from "./bank-transactions";
import type { IngestScope } from "./shared";

// A bank transaction copy that carries its explanations (FreeAgent embeds them) says which the
// transaction has now: when it is the copy stored, the stored explanations missing from it are
// marked deleted and those in it stored (brought back if they had been marked); an older copy, or
// one read without them, changes none of them.

const TX = "1";
const explanation = (id: string, overrides: Partial<BankTransactionExplanationRecord> = {}) =>
  bankTransactionExplanationRecord(id, { bankTransactionExternalId: bankTransactionRecord(TX).externalId, ...overrides });
const transaction = (explanations: BankTransactionExplanationRecord[] | null, version: number, overrides = {}) =>
  bankTransactionRecord(TX, { explanations, sourceUpdatedAt: at(version), observedAt: at(version), ...overrides });

/** The transaction's explanations: id, gross value and whether deleted. */
async function explanations(scope: IngestScope) {
  const rows = await db.bankTransactionExplanation.findMany({ where: scope, orderBy: { externalId: "asc" }, select: { externalId: true, grossValue: true, deletedAt: true } });
  return rows.map((r) => [r.externalId.split("/").pop(), r.grossValue.toString(), r.deletedAt === null ? "live" : "deleted"]);
}

describe("ingestBankTransactions with embedded explanations", () => {
  it("stores a newer copy's list: missing ones marked deleted, listed ones stored, an old deletion undone", async () => {
    const scope = await buildCommerceScope();
    expect(await ingestBankTransactions(scope, [transaction([explanation("a", { grossValue: "60.0" }), explanation("b", { grossValue: "35.1" })], 100)])).toEqual({
      read: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      deleted: 0,
    });
    expect(await explanations(scope)).toEqual([
      ["a", "60", "live"],
      ["b", "35.1", "live"],
    ]);

    // A person un-explains b and explains the rest as c.
    const newer = transaction([explanation("a", { grossValue: "60.0" }), explanation("c", { grossValue: "35.1" })], 200);
    expect(await ingestBankTransactions(scope, [newer])).toMatchObject({ read: 1, updated: 1 });
    expect(await explanations(scope)).toEqual([
      ["a", "60", "live"],
      ["b", "35.1", "deleted"],
      ["c", "35.1", "live"],
    ]);

    // b is put back (Meridian's undo of c, say).
    await ingestBankTransactions(scope, [transaction([explanation("a", { grossValue: "60.0" }), explanation("b", { grossValue: "35.1" })], 300)]);
    expect(await explanations(scope)).toEqual([
      ["a", "60", "live"],
      ["b", "35.1", "live"],
      ["c", "35.1", "deleted"],
    ]);
  });

  it("an older copy changes no explanation, and a copy without its list leaves them alone", async () => {
    const scope = await buildCommerceScope();
    await ingestBankTransactions(scope, [transaction([explanation("a"), explanation("b")], 200)]);
    const before = await explanations(scope);

    expect(await ingestBankTransactions(scope, [transaction([], 100)])).toEqual({ read: 1, inserted: 0, updated: 0, unchanged: 1, deleted: 0 });
    expect(await explanations(scope)).toEqual(before);

    expect(await ingestBankTransactions(scope, [transaction(null, 300, { description: "RENAMED" })])).toMatchObject({ updated: 1 });
    expect(await explanations(scope)).toEqual(before);
  });

  it("the same copy read again later writes nothing (its explanations' observedAt is not content)", async () => {
    const scope = await buildCommerceScope();
    const copy = transaction([explanation("a")], 100);
    await ingestBankTransactions(scope, [copy]);
    const reread = { ...copy, observedAt: at(500), explanations: [{ ...copy.explanations![0]!, observedAt: at(500) }] };
    expect(await ingestBankTransactions(scope, [reread])).toEqual({ read: 1, inserted: 0, updated: 0, unchanged: 1, deleted: 0 });
  });
});
