"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A chart with its figures as a table behind a "Show as table" toggle (the table is also what the
 * chart's own accessible name points to). `chart` and `table` can be rendered on the server.
 */
export function ChartFigure({ title, description, chart, table, testId }: { title: string; description?: string; chart: ReactNode; table: ReactNode; testId?: string }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="grid gap-3" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <figcaption>
          <span id={`${id}-title`} className="text-sm font-medium">
            {title}
          </span>
          {description && <span className="block text-xs text-muted-foreground">{description}</span>}
        </figcaption>
        <Button variant="ghost" size="sm" aria-pressed={asTable} aria-controls={`${id}-body`} onClick={() => setAsTable(!asTable)} data-testid={testId && `${testId}-toggle`}>
          {asTable ? "Show as chart" : "Show as table"}
        </Button>
      </div>
      <div id={`${id}-body`}>{asTable ? table : chart}</div>
    </figure>
  );
}
