import { formatMatchRate } from "./reconciliation-labels";

// A match rate, marked (in words too, not only colour) when it is below the workspace's threshold:
// `below` as the server judged it (exact decimals).
export function MatchRateValue({ rate, below }: { rate: string | null; below: boolean }) {
  return (
    <span className={below ? "font-medium text-destructive tabular-nums" : "tabular-nums"} data-testid="match-rate">
      {formatMatchRate(rate)}
      {below && <span className="block text-xs font-normal">below threshold</span>}
    </span>
  );
}
