// Five-field cron expressions (minute hour day-of-month month day-of-week), with an optional
// `TZ=Area/City ` prefix, matched against a minute of wall-clock time in that zone.
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
] as const;

export type Cron = { timeZone: string; sets: Set<number>[]; domRestricted: boolean; dowRestricted: boolean };

function parseValue(text: string, index: number): number {
  const spec = FIELDS[index]!;
  const names = "names" in spec ? (spec.names as readonly string[]) : [];
  const named = names.indexOf(text.toUpperCase());
  const value = named >= 0 ? named + (index === 3 ? 1 : 0) : Number(text);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) throw new Error(`Invalid cron value "${text}"`);
  return value;
}

function parseField(text: string, index: number): Set<number> {
  const spec = FIELDS[index]!;
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new Error(`Invalid cron step in "${part}"`);
    let from: number = spec.min;
    let to: number = spec.max;
    if (range !== "*") {
      const [a, b] = range!.split("-");
      from = parseValue(a!, index);
      to = b === undefined ? (stepText === undefined ? from : spec.max) : parseValue(b, index);
    }
    for (let v = from; v <= to; v += step) values.add(index === 4 && v === 7 ? 0 : v);
  }
  return values;
}

export function parseCron(expression: string): Cron {
  let rest = expression.trim();
  let timeZone = "UTC";
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(rest);
  if (tz) {
    timeZone = tz[1]!;
    rest = rest.slice(tz[0].length);
    new Intl.DateTimeFormat("en-US", { timeZone }); // throws RangeError for an unknown zone
  }
  const parts = rest.split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron "${expression}" must have 5 fields`);
  return {
    timeZone,
    sets: parts.map((part, index) => parseField(part, index)),
    domRestricted: parts[2] !== "*",
    dowRestricted: parts[4] !== "*",
  };
}

function wallClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    minute: "numeric",
    hour: "numeric",
    day: "numeric",
    month: "numeric",
    weekday: "short",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    minute: Number(get("minute")),
    hour: Number(get("hour")),
    day: Number(get("day")),
    month: Number(get("month")),
    weekday: FIELDS[4].names.indexOf(get("weekday").toUpperCase() as never),
  };
}

/** Whether the cron fires in the minute containing `at`. */
export function cronMatches(cron: Cron, at: Date): boolean {
  const t = wallClock(at, cron.timeZone);
  const [minutes, hours, days, months, weekdays] = cron.sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (!minutes.has(t.minute) || !hours.has(t.hour) || !months.has(t.month)) return false;
  // Standard cron: when both day fields are restricted, either may match.
  const dayOk = days.has(t.day);
  const weekdayOk = weekdays.has(t.weekday);
  if (cron.domRestricted && cron.dowRestricted) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}
