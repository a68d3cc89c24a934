import type { ConnectionContext } from "./connector";
import type { BankTransactionExplanationRecord, BankTransactionRecord } from "./records";

// What an accounting provider's connector offers beyond syncing: reading one bank transaction
// as it is now and writing the explanations Meridian posts for a matched payout deposit (and
// its undo). Provider-neutral, so payout reconciliation (server/services) never names FreeAgent.
// Ids are the provider's identities, as in the synced records (FreeAgent: URLs).

/** One explanation to create on a bank transaction: money is a decimal string, never a float. */
export type NewBankTransactionExplanation = {
  bankTransactionExternalId: string;
  /** YYYY-MM-DD. */
  datedOn: string;
  /** Signed like the transaction: positive for money in. */
  grossValue: string;
  categoryExternalId: string;
  description: string;
};

/** Members are methods so that each connector's own Config and Credentials satisfy the registry (see auth.ts). */
export type ConnectorAccounting<Config = unknown, Credentials = unknown> = {
  /** The transaction as the provider has it now, with its explanations. */
  readBankTransaction(ctx: ConnectionContext<Config, Credentials>, externalId: string): Promise<BankTransactionRecord>;
  /** Creates one explanation and answers it as stored by the provider. */
  createExplanation(
    ctx: ConnectionContext<Config, Credentials>,
    explanation: NewBankTransactionExplanation,
  ): Promise<BankTransactionExplanationRecord>;
  /** Deletes one explanation; one already gone (404) counts as deleted, so an undo can be retried. */
  deleteExplanation(ctx: ConnectionContext<Config, Credentials>, explanationExternalId: string): Promise<void>;
};
