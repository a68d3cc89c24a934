import { overviewInput, type OverviewPeriod } from "@/server/services/dashboard/schema";

// The overview's period and store, kept in the URL (?period=7d|30d|90d|custom&from=&to=&store=)
// so a view survives a reload and can be shared.

export type OverviewParams = { period: OverviewPeriod; from?: string; to?: string; connectionId?: string };

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** The URL's choice, or the last 30 days when it is malformed (a hand-edited link never breaks the page). */
export function overviewParamsFrom(params: Params): { params: OverviewParams; malformed: boolean } {
  const raw = { period: first(params.period), from: first(params.from), to: first(params.to), connectionId: first(params.store) };
  const parsed = overviewInput.safeParse(raw);
  if (parsed.success) return { params: parsed.data, malformed: false };
  return { params: { period: "30d", connectionId: overviewInput.safeParse({ connectionId: raw.connectionId }).data?.connectionId }, malformed: true };
}

export function overviewSearch(params: OverviewParams): string {
  const search = new URLSearchParams();
  if (params.period !== "30d") search.set("period", params.period);
  if (params.period === "custom") {
    if (params.from) search.set("from", params.from);
    if (params.to) search.set("to", params.to);
  }
  if (params.connectionId) search.set("store", params.connectionId);
  const query = search.toString();
  return query ? `?${query}` : "";
}
