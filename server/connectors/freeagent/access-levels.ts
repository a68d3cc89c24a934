// FreeAgent's access levels (dev.freeagent.com/docs/introduction, "Minimum access level"): each
// level reads what the ones below it read. The sync engine skips a stream whose required scopes
// were not granted, with a warning on the stream; for FreeAgent the "scopes" a connection has are
// the levels up to its authorising user's, read again at every sync (an admin may change it).

const LEVEL_NAMES = ["No Access", "Time", "My Money", "Contacts & Projects", "Invoices, Estimates & Files", "Bills", "Banking", "Tax, Accounting & Users", "Full"] as const;

/** The scope a stream needing `level` requires, worded for its warning ("did not grant access level 6 (Banking)"). */
export function accessLevelScope(level: number): string {
  return `access level ${level} (${LEVEL_NAMES[level]})`;
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
