"use client";

import { useFormat } from "@/components/ui/formats";
import { progressPercent } from "./job-format";

// Shown only when the job reported a total; without one there is nothing honest to draw.
export function JobProgress({ done, total }: { done: number | null; total: number | null }) {
  const format = useFormat();
  const percent = progressPercent(done, total);
  if (percent === null || total === null) return null;
  return (
    <div className="grid gap-1.5">
      <div
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={Math.min(done ?? 0, total)}
        aria-valuetext={`${percent}%`}
        data-testid="job-progress"
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-muted-foreground tabular-nums">
        {format.quantity(done ?? 0)} of {format.quantity(total)} ({percent}%)
      </p>
    </div>
  );
}
