// Durations as the SDK writes them ("1d2h3m4s", "30s", "500ms") and sleep targets (ISO dates).
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

export function parseDuration(text: string): number | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!compact) return undefined;
  let total = 0;
  let consumed = 0;
  for (const match of compact.matchAll(PART)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed += match[0].length;
  }
  return consumed === compact.length ? total : undefined;
}

/** When a `Sleep` op named `name` (a duration or an ISO date) should wake, from `now`. */
export function sleepTarget(name: string, now: number): number {
  const duration = parseDuration(name);
  if (duration !== undefined) return now + duration;
  const at = Date.parse(name);
  if (Number.isNaN(at)) throw new Error(`Unrecognised sleep "${name}"`);
  return at;
}

/** A `retry-after` header: seconds or a date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
