// The company's bank transactions and their explanations: generated ones addressed by index, and
// the changes made through the API (explanations posted or deleted, transactions added), which
// the state file keeps. A transaction's unexplained amount is its amount less its explanations'.
import type { Clock } from "../_kit/clock";
import { Collection, type CollectionChanges } from "../_kit/collection";
import { explanationIndexOf, ID_BASE, isExplainedOrdinary, type BankTransactionRecord, type Company, type ExplanationRecord } from "./generate";

export interface BankLedgerState {
  transactions: CollectionChanges<BankTransactionRecord>;
  explanations: CollectionChanges<ExplanationRecord>;
}

export type NewExplanation = Pick<ExplanationRecord, "datedOn" | "grossCents" | "categoryCode" | "description">;

export class BankLedger {
  readonly transactions: Collection<BankTransactionRecord, BankTransactionRecord>;
  readonly explanations: Collection<ExplanationRecord, ExplanationRecord>;
  /** Explanations posted through the API, by bank transaction (the generated ones are found by index). */
  private readonly posted = new Map<number, Set<number>>();

  constructor(
    private readonly company: Company,
    private readonly clock: Clock,
  ) {
    this.transactions = new Collection({ count: company.bankTransactionCount, firstId: ID_BASE.bankTransaction, generate: company.bankTransaction, summarize: (t) => t });
    this.explanations = new Collection({ count: company.explanationCount, firstId: ID_BASE.explanation, generate: company.explanation, summarize: (e) => e });
  }

  explanationsOf(tx: BankTransactionRecord): ExplanationRecord[] {
    const found: ExplanationRecord[] = [];
    const k = tx.id - ID_BASE.bankTransaction - this.company.deposits;
    if (k >= 0 && k < this.company.ordinaryCount && isExplainedOrdinary(k)) {
      const generated = this.explanations.get(ID_BASE.explanation + explanationIndexOf(k));
      if (generated) found.push(generated);
    }
    for (const id of this.posted.get(tx.id) ?? []) found.push(this.explanations.get(id)!);
    return found;
  }

  unexplainedCents(tx: BankTransactionRecord): number {
    return tx.amountCents - this.explanationsOf(tx).reduce((n, e) => n + e.grossCents, 0);
  }

  /**
   * Explains part of a transaction with a value of either sign: a payout's deposit is split into
   * sales in and fees or refunds out, one explanation per request, so the unexplained amount may
   * pass through zero or change sign while a split is being posted. Only a zero value is refused.
   */
  explain(tx: BankTransactionRecord, input: NewExplanation): ExplanationRecord | { refused: string } {
    if (input.grossCents === 0) return { refused: "gross_value must not be zero" };
    const now = this.clock.now();
    const record = this.explanations.put({ ...input, id: this.explanations.allocateId(), bankTransactionId: tx.id, bankAccountId: tx.bankAccountId, createdAt: now, updatedAt: now });
    this.remember(record);
    this.touch(tx.id);
    return record;
  }

  /** Deletes an explanation (generated or posted); false when there is none with that id. */
  unexplain(id: number): boolean {
    const explanation = this.explanations.get(id);
    if (!explanation) return false;
    this.explanations.remove(id);
    this.posted.get(explanation.bankTransactionId)?.delete(id);
    this.touch(explanation.bankTransactionId);
    return true;
  }

  addTransaction(input: Pick<BankTransactionRecord, "bankAccountId" | "datedOn" | "amountCents" | "description">): BankTransactionRecord {
    const now = this.clock.now();
    return this.transactions.put({ ...input, id: this.transactions.allocateId(), isManual: false, createdAt: now, updatedAt: now });
  }

  balanceOf(bankAccountId: number): { cents: number; latest: string | null } {
    let cents = 0;
    let latest: string | null = null;
    for (const tx of this.transactions.summaries()) {
      if (tx.bankAccountId !== bankAccountId) continue;
      cents += tx.amountCents;
      if (!latest || tx.datedOn > latest) latest = tx.datedOn;
    }
    return { cents, latest };
  }

  exportState(): BankLedgerState {
    return { transactions: this.transactions.exportChanges(), explanations: this.explanations.exportChanges() };
  }

  importState(saved: BankLedgerState): void {
    this.transactions.importChanges(saved.transactions);
    this.explanations.importChanges(saved.explanations);
    // Generated explanations are never rewritten: every changed one was posted.
    for (const e of saved.explanations.changed) this.remember(e);
  }

  get version(): string {
    return `${this.transactions.version}:${this.explanations.version}`;
  }

  private remember(e: ExplanationRecord): void {
    if (!this.posted.has(e.bankTransactionId)) this.posted.set(e.bankTransactionId, new Set());
    this.posted.get(e.bankTransactionId)!.add(e.id);
  }

  /** A change to a transaction's explanations is a change to the transaction (`updated_since` finds it). */
  private touch(id: number): void {
    const tx = this.transactions.get(id);
    if (tx) this.transactions.put({ ...tx, updatedAt: this.clock.now() });
  }
}
