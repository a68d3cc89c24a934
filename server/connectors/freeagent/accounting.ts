import { z } from "zod";
import type { ConnectorAccounting } from "../_core/accounting";
import type { OAuthAccess } from "../_core/auth";
import type { FreeAgentConfig } from "./config";
import { connectionClient, type ClientTuning, type FreeAgentConnection } from "./context";
import { bankTransactionRecord, explanationRecord } from "./mappers";
import { bankTransaction, explanation } from "./payloads";

// The accounting capability (server/connectors/_core/accounting.ts) on FreeAgent: one bank
// transaction with its embedded explanations, and creating or deleting one explanation
// (dev.freeagent.com/docs/bank_transaction_explanations). Requests draw from the same allowance
// as the sync's; a person may be waiting, so a wait for room longer than MAX_WAIT_MS ends in
// AllowanceExhaustedError (with when to try again) instead.

export const MAX_WAIT_MS = 10_000;

const transactionBody = z.looseObject({ bank_transaction: bankTransaction });
const explanationBody = z.looseObject({ bank_transaction_explanation: explanation });

export function createFreeAgentAccounting(tuning: ClientTuning = {}): ConnectorAccounting<FreeAgentConfig, OAuthAccess> {
  const client = (ctx: FreeAgentConnection) => connectionClient(ctx, (tuning.now ?? Date.now)() + MAX_WAIT_MS, tuning);
  return {
    async readBankTransaction(ctx, externalId) {
      const observedAt = new Date().toISOString();
      const { body } = await client(ctx).get(externalId, transactionBody);
      return bankTransactionRecord(body.bank_transaction, observedAt);
    },
    async createExplanation(ctx, e) {
      const observedAt = new Date().toISOString();
      const body = {
        bank_transaction_explanation: {
          bank_transaction: e.bankTransactionExternalId,
          dated_on: e.datedOn,
          gross_value: e.grossValue,
          category: e.categoryExternalId,
          description: e.description,
        },
      };
      const created = await client(ctx).post("/bank_transaction_explanations", body, explanationBody);
      return explanationRecord(created.bank_transaction_explanation, observedAt);
    },
    async deleteExplanation(ctx, explanationExternalId) {
      await client(ctx).delete(explanationExternalId);
    },
  };
}
