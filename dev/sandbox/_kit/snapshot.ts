import { createHash, type Hash } from "node:crypto";

/** Counts and checksums per resource: what a database synced from a provider must match. */
export interface Snapshot {
  counts: Record<string, number>;
  /** sha256 of the canonical JSON of every record, one per line, in the order they were added. */
  checksums: Record<string, string>;
}

/** JSON with object keys sorted, so equal records always hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The checksum a snapshot computes, over any rows (e.g. read back from the database, in the same order). */
export function checksumOf(values: Iterable<unknown>): string {
  const hash = createHash("sha256");
  for (const value of values) hash.update(canonicalJson(value)).update("\n");
  return hash.digest("hex");
}

/**
 * Builds a snapshot one record at a time, so a sandbox with 100k generated records never holds
 * them all. A resource with no record has no entry. Add records in the order the database side
 * will read its rows back (usually ascending id).
 */
export class SnapshotBuilder {
  private readonly counts: Record<string, number> = {};
  private readonly hashes: Record<string, Hash> = {};

  add(resource: string, value: unknown): void {
    this.counts[resource] = (this.counts[resource] ?? 0) + 1;
    (this.hashes[resource] ??= createHash("sha256")).update(canonicalJson(value)).update("\n");
  }

  result(): Snapshot {
    const checksums: Record<string, string> = {};
    for (const [name, hash] of Object.entries(this.hashes)) checksums[name] = hash.digest("hex");
    return { counts: { ...this.counts }, checksums };
  }
}
