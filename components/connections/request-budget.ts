import { formatClock, type Formats } from "@/components/ui/format";
import { formatQuantity } from "@/components/ui/format-money";

// The Connections card's line per request window of a provider that declares them
// (Connector.requestWindows): "Requests this hour: 1,234 of 3,600 (resets 14:00)".

/** One window as the connection list reports it (resetsAt in epoch ms). */
export type RequestWindowUsage = { seconds: number; limit: number; used: number; resetsAt: number };

const WINDOW_NAMES: Record<number, string> = { 60: "this minute", 3600: "this hour", 86_400: "today" };

export function requestBudgetLine({ seconds, limit, used, resetsAt }: RequestWindowUsage, now: Date, formats: Formats): string {
  const count = (value: number) => formatQuantity(value, formats.locale);
  const window = WINDOW_NAMES[seconds] ?? `in this ${count(seconds)}-second window`;
  return `Requests ${window}: ${count(used)} of ${count(limit)} (resets ${formatClock(new Date(resetsAt), now, formats)})`;
}
