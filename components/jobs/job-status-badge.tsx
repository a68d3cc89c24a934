import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import type { JobStatus } from "@/server/generated/prisma/enums";
import { jobStatusBadge } from "./job-status";

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { label, variant } = jobStatusBadge(status);
  return (
    <Badge variant={variant} data-testid="job-status" data-status={status} className="gap-1.5">
      {status === "RUNNING" && <Spinner className="size-3" />}
      {label}
    </Badge>
  );
}
