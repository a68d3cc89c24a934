// Dates and times as people read them: in the workspace's time zone (the one zone every time in a
// workspace is shown in, named beside it) and the request's locale (decided once on the server
// from Accept-Language). Both arrive as data, never from the environment, so the server's render
// and the browser's hydration produce the same strings whatever zone either runs in.

export type Formats = { locale: string; timeZone: string };

/** Outside a workspace there is no zone of its own to show. */
export const DEFAULT_FORMATS: Formats = { locale: "en-US", timeZone: "UTC" };

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

const DAY: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const CLOCK: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };

/** "Dec 2, 2026, 5:04 PM EST" (en-US) / "2 Dec 2026, 23:04 CET" (en-GB): with the zone's abbreviation. */
export function formatDateTime(value: Date, { locale, timeZone }: Formats): string {
  return dateTimeFormat(locale, { ...DAY, ...CLOCK, timeZone }).format(value);
}

/** The day an instant falls on in the zone: "Dec 2, 2026". */
export function formatDate(value: Date, { locale, timeZone }: Formats): string {
  return dateTimeFormat(locale, { ...DAY, timeZone }).format(value);
}

/** "5:04 PM EST" when `value` is on `now`'s day in the zone, else "Dec 3, 7:04 AM EST". */
export function formatClock(value: Date, now: Date, formats: Formats): string {
  const sameDay = zoneDay(value, formats.timeZone) === zoneDay(now, formats.timeZone);
  const options: Intl.DateTimeFormatOptions = sameDay ? CLOCK : { month: "short", day: "numeric", ...CLOCK };
  return dateTimeFormat(formats.locale, { ...options, timeZone: formats.timeZone }).format(value);
}

/**
 * A calendar day (YYYY-MM-DD: already a day of the workspace's zone, or a provider's own date such
 * as an invoice's) as "Dec 2, 2026", or "Dec 2" without the year. No zone applies to it.
 */
export function formatDay(day: string, locale: string, { year = true }: { year?: boolean } = {}): string {
  const options: Intl.DateTimeFormatOptions = year ? { ...DAY, timeZone: "UTC" } : { month: "short", day: "numeric", timeZone: "UTC" };
  return dateTimeFormat(locale, options).format(new Date(`${day}T00:00:00Z`));
}

function parts(value: Date, timeZone: string): Record<string, string> {
  const format = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "longOffset",
  });
  return Object.fromEntries(format.formatToParts(value).map((p) => [p.type, p.value]));
}

/** "+05:30", "-05:00", "+00:00": the zone's offset from UTC at that instant. */
function offsetAt(value: Date, timeZone: string): string {
  const name = parts(value, timeZone).timeZoneName ?? "GMT"; // "GMT+05:30", or "GMT" at offset zero
  return name === "GMT" ? "+00:00" : name.slice(3);
}

/** The day (YYYY-MM-DD) an instant falls on in the zone. */
export function zoneDay(value: Date, timeZone: string): string {
  const p = parts(value, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The instant with the zone's wall-clock time and offset, "2026-12-02T17:04:05.120-05:00": the
 * exact time shown on hover and given to `<time dateTime>`.
 */
export function zonedIso(value: Date, timeZone: string): string {
  const p = parts(value, timeZone);
  const ms = String(value.getUTCMilliseconds()).padStart(3, "0");
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}${offsetAt(value, timeZone)}`;
}

function offsetMinutes(value: Date, timeZone: string): number {
  const [, sign, hours, minutes] = /([+-])(\d{2}):(\d{2})/.exec(offsetAt(value, timeZone))!;
  return (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The first instant of a calendar day in the zone, or undefined for anything but a real day
 * (2030-02-31 is not one). A day that starts in a DST jump starts when its clocks do.
 */
export function startOfZoneDay(day: string, timeZone: string): Date | undefined {
  const match = YMD.exec(day);
  if (!match) return undefined;
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(utcMidnight).toISOString().slice(0, 10) !== day) return undefined;
  // The offset at UTC midnight is a guess that is wrong only when the zone's offset changes between
  // that instant and local midnight; the offset at the first guess then settles it.
  const guess = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  const start = utcMidnight - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // Midnight skipped by a DST jump: the day begins at the first instant that is on it.
  return zoneDay(new Date(start), timeZone) === day ? new Date(start) : new Date(guess);
}

/** The last millisecond of a calendar day in the zone. */
export function endOfZoneDay(day: string, timeZone: string): Date | undefined {
  const start = startOfZoneDay(day, timeZone);
  if (!start) return undefined;
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(startOfZoneDay(next.toISOString().slice(0, 10), timeZone)!.getTime() - 1);
}

/** "in 6 days", "yesterday": for expiry dates. */
export function formatRelativeDays(value: Date, now: Date, locale: string): string {
  const DAY_MS = 24 * 60 * 60 * 1000;
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(Math.round((value.getTime() - now.getTime()) / DAY_MS), "day");
}
