// Helpers for list filters kept in the URL (so a filtered view survives a reload and can be
// shared). Unknown or malformed values are dropped, so a hand-edited URL never breaks a page.

type Params = Pick<URLSearchParams, "get">;

export function textParam(params: Params, name: string, max = 100): string | undefined {
  const trimmed = params.get(name)?.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

export function enumParam<T extends string>(params: Params, name: string, values: readonly T[]): T | undefined {
  const value = params.get(name);
  return values.find((v) => v === value);
}

export function intParam(params: Params, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name)?.trim() ?? "";
  if (!/^-?\d{1,7}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day (YYYY-MM-DD) in the viewer's timezone: its first or last millisecond. */
export function dayBound(value: string | undefined, edge: "start" | "end"): Date | undefined {
  const match = value ? DAY.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = edge === "end" ? new Date(year, month - 1, day, 23, 59, 59, 999) : new Date(year, month - 1, day);
  // Rejects days that roll over (2030-02-31).
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : undefined;
}

export function dayParam(params: Params, name: string): string | undefined {
  const value = params.get(name) ?? undefined;
  return dayBound(value, "start") ? value : undefined;
}

/** The query string for `filters`, with each key under its URL name; empty values are left out. */
export function filtersToSearch<F extends Record<string, string | number | undefined>>(filters: F, names: Record<keyof F, string>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(names) as (keyof F)[]) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(names[key], String(value));
  }
  return params.toString();
}

export function withoutEmpty<F extends object>(filters: F): F {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as F;
}

export function hasFilters(filters: object): boolean {
  return Object.values(filters).some((v) => v !== undefined && v !== "");
}
