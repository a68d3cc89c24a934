import { Card } from "@/components/ui/card";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

// What a page shows while its server component loads: a header bar and a card-shaped body.
export function PageSkeleton({ variant = "table" }: { variant?: "table" | "form" | "cards" }) {
  return (
    <div role="status" aria-label="Loading page" className="grid gap-6">
      <div className="grid gap-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      {variant === "cards" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Skeleton className="h-28 rounded-xl" />
          <Skeleton className="h-28 rounded-xl" />
        </div>
      ) : variant === "form" ? (
        <Card className="grid gap-4 p-5">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-24 justify-self-end" />
        </Card>
      ) : (
        <Card>
          <TableSkeleton rows={4} columns={4} />
        </Card>
      )}
    </div>
  );
}
