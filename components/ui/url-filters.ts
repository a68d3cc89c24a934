// Helpers for list filters kept in the URL (so a filtered view survives a reload and can be
// shared). A value the list cannot use (a hand-edited URL, a stale shared link) is left out of the
// filters and reported, so the filter bar can say what was ignored instead of silently showing
// everything.

import { endOfZoneDay, startOfZoneDay } from "./format";

type Params = Pick<URLSearchParams, "get">;

/** A URL parameter the list could not use: `message` says why ("Unknown status 'shipped-ish'"). */
export type RejectedFilter = { param: string; value: string; message: string };

/** A list's filters as read from its URL, and the parameters it had to ignore. */
export type UrlFilters<F> = { filters: F; rejected: RejectedFilter[] };

/**
 * Reads one list's filters from `params`. Each reader returns the value, or undefined when the
 * parameter is absent or blank (no filter) or unusable (noted in the result's `rejected`). `what`
 * names the filter as people see it, for the message.
 */
export function urlFilterReader(params: Params) {
  const rejected: RejectedFilter[] = [];
  const present = (name: string) => params.get(name)?.trim() || undefined;
  const reject = (param: string, value: string, message: string): undefined => {
    rejected.push({ param, value, message });
    return undefined;
  };
  return {
    text(name: string, what: string, max = 100): string | undefined {
      const value = present(name);
      return value && value.length > max ? reject(name, value, `${what} is longer than ${max} characters`) : value;
    },
    oneOf<T extends string>(name: string, what: string, values: readonly T[]): T | undefined {
      const value = present(name);
      return value === undefined ? undefined : (values.find((v) => v === value) ?? reject(name, value, `Unknown ${what} '${value}'`));
    },
    int(name: string, what: string, min: number, max: number): number | undefined {
      const value = present(name);
      if (value === undefined) return undefined;
      const number = /^-?\d{1,7}$/.test(value) ? Number(value) : NaN;
      return number >= min && number <= max ? number : reject(name, value, `${what} must be a whole number from ${min} to ${max}, not '${value}'`);
    },
    day(name: string, what: string): string | undefined {
      const value = present(name);
      return value === undefined || dayBound(value, "start", "UTC") ? value : reject(name, value, `${what} '${value}' is not a date`);
    },
    /** The filters read (empty ones left out) with what was rejected on the way. */
    result<F extends object>(filters: F): UrlFilters<F> {
      return { filters: withoutEmpty(filters), rejected };
    },
  };
}

/**
 * A calendar day (YYYY-MM-DD) in the workspace's zone, where the list shows its times: its first or
 * last millisecond. Undefined for anything but a real day (2030-02-31 is not one).
 */
export function dayBound(value: string | undefined, edge: "start" | "end", timeZone: string): Date | undefined {
  if (!value) return undefined;
  return edge === "start" ? startOfZoneDay(value, timeZone) : endOfZoneDay(value, timeZone);
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
