import type { ReactNode } from "react";
import { cn } from "./cn";
import { Time } from "./time";

/** One labelled value of a description list (`<dl>`): the detail pages' facts. */
export function Fact({ label, children, testId, className }: { label: string; children: ReactNode; testId?: string; className?: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={cn("text-sm", className)} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** A date and time, or a dash when there is none yet. */
export function DateTimeOrDash({ value }: { value: Date | null }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  return <Time value={value} />;
}
