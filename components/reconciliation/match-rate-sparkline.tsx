import type { MatchRatePoint } from "@/server/services/reconciliation/schema";
import { formatMatchRate } from "./reconciliation-labels";

const WIDTH = 96;
const HEIGHT = 24;

// A pair's latest days as a small line (0–100 %), drawn as plain SVG: a row of the pairs list needs
// no chart library. Days without orders leave a gap. Its label says what it shows in words.
export function MatchRateSparkline({ points }: { points: MatchRatePoint[] }) {
  const rated = points.filter((p) => p.matchRate !== null);
  if (rated.length === 0) return <span className="text-muted-foreground">—</span>;
  const step = points.length > 1 ? WIDTH / (points.length - 1) : 0;
  const segments: string[][] = [[]];
  points.forEach((point, index) => {
    if (point.matchRate === null) {
      if (segments.at(-1)!.length > 0) segments.push([]);
      return;
    }
    const y = HEIGHT - Number(point.matchRate) * HEIGHT;
    segments.at(-1)!.push(`${(index * step).toFixed(1)},${y.toFixed(1)}`);
  });
  const label = `Match rate over ${points.length} days, from ${formatMatchRate(rated[0]!.matchRate)} on ${rated[0]!.date} to ${formatMatchRate(rated.at(-1)!.matchRate)} on ${rated.at(-1)!.date}`;
  return (
    <svg role="img" aria-label={label} width={WIDTH} height={HEIGHT} viewBox={`-1 -1 ${WIDTH + 2} ${HEIGHT + 2}`} className="overflow-visible text-primary" data-testid="match-rate-sparkline">
      {segments
        .filter((segment) => segment.length > 0)
        .map((segment) =>
          segment.length === 1 ? (
            <circle key={segment[0]} cx={segment[0]!.split(",")[0]} cy={segment[0]!.split(",")[1]} r={1.5} fill="currentColor" />
          ) : (
            <polyline key={segment[0]} points={segment.join(" ")} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
          ),
        )}
    </svg>
  );
}
