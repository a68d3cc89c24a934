import type { BankTransactionRecord } from "@/server/connectors/_core/records";
import { flatRecordIngest } from "./flat-records";

/** Upserts bank transactions (newer wins). */
export const ingestBankTransactions = flatRecordIngest<BankTransactionRecord>({
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
