import type { BankTransactionExplanationRecord, BankTransactionRecord } from "@/server/connectors/_core/records";
import { ingestBankTransactionExplanations } from "./accounting";
import { flatRecordIngest } from "./flat-records";
import { inIngestTransaction, sessionOf, type IngestTransaction } from "./pool";
import { contentHash, newestPerKey, versionOf, type IngestCounts, type IngestScope } from "./shared";

// Bank transactions, and the explanations a copy carries (FreeAgent embeds them): the copy that
// is stored (newer wins, as for any flat record) says which explanations the transaction has now.
// Its stored explanations missing from the list were deleted at the source (a person
// un-explaining it, or Meridian's undo) and get deletedAt; those in the list are upserted and, if
// they had been marked deleted, brought back. A copy that loses (older) changes nothing, and one
// read without its explanations (null) leaves them as they are. All in one transaction.

/**
 * The copy as stored and hashed: its explanations without their observedAt (when the copy was
 * seen, which is the transaction's), so a copy read again with nothing changed hashes the same and
 * writes nothing.
 */
type StoredCopy = Omit<BankTransactionRecord, "explanations"> & { explanations: Omit<BankTransactionExplanationRecord, "observedAt">[] | null };

const stored = (record: BankTransactionRecord): StoredCopy => ({ ...record, explanations: record.explanations?.map(({ observedAt: _seen, ...e }) => e) ?? null });

const upsertTransactions = flatRecordIngest<StoredCopy>({
  what: "bank transactions",
  table: "BankTransaction",
  columns: [
    ["bankAccountExternalId", "text"],
    ["datedOn", "date"],
    ["description", "text"],
    ["descriptionLower", "text"],
    ["amount", "numeric"],
    ["unexplainedAmount", "numeric"],
    ["isManual", "boolean"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: ({ explanations: _explanations, ...tx }) => ({ ...tx, descriptionLower: tx.description?.toLowerCase() ?? null }),
});

/** Upserts bank transactions (newer wins) and, for each stored copy that lists its explanations, makes the stored explanations that list. */
export async function ingestBankTransactions(scope: IngestScope, records: readonly BankTransactionRecord[], tx?: IngestTransaction): Promise<IngestCounts> {
  if (!records.some((r) => r.explanations !== null)) return upsertTransactions(scope, records.map(stored), tx);
  const write = async (t: IngestTransaction) => {
    const counts = await upsertTransactions(scope, records.map(stored), t);
    await applyExplanationLists(scope, newestPerKey(records, (r) => r.externalId, versionOf).records, t);
    return counts;
  };
  return tx ? write(tx) : inIngestTransaction(write);
}

async function applyExplanationLists(scope: IngestScope, newest: readonly BankTransactionRecord[], tx: IngestTransaction): Promise<void> {
  const listing = newest.filter((r) => r.explanations !== null);
  // The stored copy is this one (just written, or identical already): its list is the truth.
  const { rows } = await sessionOf(tx).query<{ externalId: string; sourceHash: string }>(
    `SELECT "externalId", "sourceHash" FROM "BankTransaction" WHERE "workspaceId" = $1 AND "connectionId" = $2 AND "externalId" = ANY($3::text[])`,
    [scope.workspaceId, scope.connectionId, listing.map((r) => r.externalId)],
  );
  const storedHash = new Map(rows.map((r) => [r.externalId, r.sourceHash]));
  const winners = listing.filter((r) => storedHash.get(r.externalId) === contentHash(stored(r)));
  if (winners.length === 0) return;
  const explanations = winners.flatMap((r) => r.explanations!);
  await ingestBankTransactionExplanations(scope, explanations, tx);
  await sessionOf(tx).query(
    `UPDATE "BankTransactionExplanation" e
     SET "deletedAt" = CASE WHEN e."externalId" = ANY($4::text[]) THEN NULL ELSE now() END, "updatedAt" = now()
     WHERE e."workspaceId" = $1 AND e."connectionId" = $2 AND e."bankTransactionExternalId" = ANY($3::text[])
       AND (e."deletedAt" IS NULL) = NOT (e."externalId" = ANY($4::text[]))`,
    [scope.workspaceId, scope.connectionId, winners.map((r) => r.externalId), explanations.map((e) => e.externalId)],
  );
}
