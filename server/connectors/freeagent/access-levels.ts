// FreeAgent's access levels (dev.freeagent.com/docs/introduction, "Minimum access level"): each
// level reads what the ones below it read. The sync engine skips a stream whose required scopes
// were not granted, with a warning on the stream; for FreeAgent the "scopes" a connection has are
// the levels up to its authorising user's, read again at every sync (an admin may change it).

import type { SyncStream } from "../_core/sync";

const LEVEL_NAMES = ["No Access", "Time", "My Money", "Contacts & Projects", "Invoices, Estimates & Files", "Bills", "Banking", "Tax, Accounting & Users", "Full"] as const;

const levelNamed = (level: number) => `level ${level} (${LEVEL_NAMES[level]})`;

/** The scope a stream needing `level` requires ("access level 6 (Banking)"). */
export function accessLevelScope(level: number): string {
  return `access ${levelNamed(level)}`;
}

const levelOfScope = (scope: string) => LEVEL_NAMES.findIndex((_, level) => accessLevelScope(level) === scope);

/**
 * A skipped stream's warning in FreeAgent's terms: a level is the connecting user's, which a
 * FreeAgent admin sets; signing in again as the same user grants nothing more.
 */
export function missingLevelWarning(stream: SyncStream, missing: readonly string[], granted: ReadonlySet<string>): string {
  const needed = Math.max(...missing.map(levelOfScope));
  const has = Math.max(0, ...[...granted].map(levelOfScope));
  return (
    `Skipped: reading ${stream.label.toLowerCase()} needs FreeAgent access ${levelNamed(needed)}; the user who connected has ${levelNamed(has)}. ` +
    "Ask a FreeAgent admin to raise their access level, or reconnect as a user with it."
  );
}

/** What a user of `level` may read: every level up to theirs. */
export function scopesOfLevel(level: number): string[] {
  return Array.from({ length: level }, (_, i) => accessLevelScope(i + 1));
}

/**
 * The least level each resource needs (the per-resource docs pages; company, users and categories
 * are not stated by FreeAgent: CONTRACT-NOTES.md).
 */
export const MIN_LEVEL = {
  company: 1,
  users: 7,
  categories: 7,
  contacts: 1,
  invoices: 4,
  bills: 5,
  bankAccounts: 6,
  bankTransactions: 6,
  explanations: 6,
  accountingTransactions: 7,
} as const;
