// Formatting for job runs, shared by the history table and the run detail.
import { formatQuantity } from "@/components/ui/format-money";

/** 850 ms, 12.3 s, 4m 05s, 2h 03m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1_000);
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
}

type Timing = { startedAt: Date | null; finishedAt: Date | null; durationMs: number | null };

/** The stored duration of a finished run, or the time so far of one still running (needs `now`). */
export function runDuration(run: Timing, now: Date | null): string {
  if (run.durationMs !== null) return formatDuration(run.durationMs);
  if (!run.startedAt) return "—";
  const end = run.finishedAt ?? now;
  return end ? formatDuration(end.getTime() - run.startedAt.getTime()) : "—";
}

type Counts = { recordsRead: number; recordsInserted: number; recordsUpdated: number; recordsUnchanged: number; recordsDeleted: number };

/** "120 read · 100 inserted · 15 updated · 5 unchanged": zero counts are left out. */
export function formatCounts(run: Counts, locale: string): string {
  const parts = [
    [run.recordsRead, "read"],
    [run.recordsInserted, "inserted"],
    [run.recordsUpdated, "updated"],
    [run.recordsUnchanged, "unchanged"],
    [run.recordsDeleted, "deleted"],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, label]) => `${formatQuantity(n, locale)} ${label}`);
  return shown.length > 0 ? shown.join(" · ") : "—";
}

export type CountsCheck = { holds: true } | { holds: false; unaccounted: number };

/**
 * Whether every record the run read is accounted for: read = inserted + updated + unchanged +
 * deleted. Null for a run that reads no records (retention deletes and updates rows it never
 * reads) or has no counts yet. `unaccounted` is negative when more were accounted for than read.
 */
export function countsCheck(run: Counts): CountsCheck | null {
  if (run.recordsRead === 0) return null;
  const unaccounted = run.recordsRead - (run.recordsInserted + run.recordsUpdated + run.recordsUnchanged + run.recordsDeleted);
  return unaccounted === 0 ? { holds: true } : { holds: false, unaccounted };
}

/** Percentage done, clamped to 0–100, or null when the total is unknown. */
export function progressPercent(done: number | null, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round(((done ?? 0) / total) * 100)));
}
