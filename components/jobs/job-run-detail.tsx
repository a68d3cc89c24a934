"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useFormat } from "@/components/ui/formats";
import { Time } from "@/components/ui/time";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import type { inferRouterOutputs } from "@trpc/server";
import { countsCheck, formatDuration, runDuration } from "./job-format";
import { JobError } from "./job-error";
import { JobProgress } from "./job-progress";
import { JOB_TRIGGER_LABELS, liveRefetchInterval } from "./job-status";
import { JobStatusBadge } from "./job-status-badge";
import { RetryJobButton } from "./retry-job-button";
import { SyncWaitNotice } from "./sync-wait-notice";
import { useNow } from "@/components/ui/use-now";
import { DateTimeOrDash, Fact } from "@/components/ui/fact";

type JobRunDetail = inferRouterOutputs<AppRouter>["job"]["get"];

/** Whether read = inserted + updated + unchanged + deleted, the rule every sync batch is held to. */
function CountsCheckNote({ run }: { run: JobRunDetail }) {
  const format = useFormat();
  const check = countsCheck(run);
  if (!check) return null;
  const equation = "read = inserted + updated + unchanged + deleted";
  return check.holds ? (
    <p className="mt-4 text-xs text-muted-foreground" data-testid="job-counts-check" data-holds="true">
      Every record read is accounted for: {equation}.
    </p>
  ) : (
    <p className="mt-4 text-xs text-destructive" data-testid="job-counts-check" data-holds="false">
      {check.unaccounted > 0
        ? `${format.quantity(check.unaccounted)} of the records read are not accounted for`
        : `${format.quantity(-check.unaccounted)} more records are accounted for than were read`}
      : {equation} does not hold.
    </p>
  );
}

export function JobRunDetailView({ jobRunId, initialData }: { jobRunId: string; initialData?: JobRunDetail }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.job.get.queryOptions({ workspaceSlug: slug, jobRunId }),
    initialData,
    refetchInterval: (query) => liveRefetchInterval(query.state.data ? [query.state.data.status] : undefined),
  });
  const now = useNow(run.data?.status === "RUNNING");

  if (run.isPending) {
    return (
      <Card>
        <TableSkeleton rows={4} columns={2} label="Loading run" />
      </Card>
    );
  }
  if (run.isError) {
    return (
      <Card>
        <ErrorState title="Could not load this run" message={errorMessageOf(run.error)} onRetry={() => run.refetch()} />
      </Card>
    );
  }

  const r = run.data;
  const runLink = (id: string) => `/w/${slug}/jobs/${id}`;

  return (
    <div data-testid="job-detail" data-status={r.status} className="grid grid-cols-1 gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <JobStatusBadge status={r.status} />
          <span className="text-sm text-muted-foreground">
            {JOB_TRIGGER_LABELS[r.trigger]} run
            {r.connection && <> of {r.connection.displayName}</>}
            {r.stream && <> · {r.stream}</>}
          </span>
        </div>
        {r.status === "FAILED" && (
          <div className="flex flex-wrap items-center gap-3">
            {r.retryBlockedReason && <p className="text-xs text-muted-foreground">{r.retryBlockedReason}</p>}
            <RetryJobButton jobRunId={r.id} kindLabel={r.kindLabel} blockedReason={r.retryBlockedReason} />
          </div>
        )}
      </div>

      {(r.retryOf || r.retries.length > 0 || r.continuedFrom || r.continuedIn) && (
        <nav aria-label="Related runs" className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {r.continuedFrom && (
            <p>
              Continues{" "}
              <Link href={runLink(r.continuedFrom.id)} className="font-medium text-primary underline-offset-4 hover:underline" data-testid="job-continued-from">
                the run queued <Time value={r.continuedFrom.queuedAt} />
              </Link>
            </p>
          )}
          {r.continuedIn && (
            <p className="flex flex-wrap items-center gap-2">
              Continued in
              <Link
                href={runLink(r.continuedIn.id)}
                className="inline-flex min-h-6 items-center gap-1.5 font-medium text-primary underline-offset-4 hover:underline"
                data-testid="job-continued-in"
              >
                the run queued <Time value={r.continuedIn.queuedAt} /> <JobStatusBadge status={r.continuedIn.status} />
              </Link>
              <span className="text-muted-foreground">(a long sync runs in parts)</span>
            </p>
          )}
          {r.retryOf && (
            <p>
              Retry of{" "}
              <Link href={runLink(r.retryOf.id)} className="font-medium text-primary underline-offset-4 hover:underline" data-testid="job-retry-of">
                the run queued <Time value={r.retryOf.queuedAt} />
              </Link>
            </p>
          )}
          {r.retries.length > 0 && (
            <p className="flex flex-wrap items-center gap-2">
              Retried as
              {r.retries.map((retry) => (
                <Link
                  key={retry.id}
                  href={runLink(retry.id)}
                  className="inline-flex min-h-6 items-center gap-1.5 font-medium text-primary underline-offset-4 hover:underline"
                  data-testid="job-retry-link"
                >
                  <Time value={retry.queuedAt} /> <JobStatusBadge status={retry.status} />
                </Link>
              ))}
            </p>
          )}
        </nav>
      )}

      {r.status === "RUNNING" && r.waitingUntil && now && r.waitingUntil > now ? (
        <Card>
          <CardContent>
            <SyncWaitNotice wait={{ until: r.waitingUntil, startedAt: r.startedAt, progressDone: r.progressDone, progressTotal: r.progressTotal }} />
          </CardContent>
        </Card>
      ) : (
        r.progressTotal !== null && (
          <Card>
            <CardContent>
              <JobProgress done={r.progressDone} total={r.progressTotal} />
            </CardContent>
          </Card>
        )
      )}

      {r.error && (
        <Card>
          <CardContent>
            <JobError error={r.error} />
          </CardContent>
        </Card>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Timing</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-4">
              <Fact label="Queued">
                <DateTimeOrDash value={r.queuedAt} />
              </Fact>
              <Fact label="Started">
                <DateTimeOrDash value={r.startedAt} />
              </Fact>
              <Fact label="Finished">
                <DateTimeOrDash value={r.finishedAt} />
              </Fact>
              <Fact label="Duration">
                <span className="tabular-nums">{runDuration(r, now)}</span>
              </Fact>
              <Fact label="Attempts">{r.attempts}</Fact>
              <Fact label="Trigger">{JOB_TRIGGER_LABELS[r.trigger]}</Fact>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Records</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-4" data-testid="job-counts">
              <Fact label="Read">{format.quantity(r.recordsRead)}</Fact>
              <Fact label="Inserted">{format.quantity(r.recordsInserted)}</Fact>
              <Fact label="Updated">{format.quantity(r.recordsUpdated)}</Fact>
              <Fact label="Unchanged">{format.quantity(r.recordsUnchanged)}</Fact>
              <Fact label="Deleted">{format.quantity(r.recordsDeleted)}</Fact>
            </dl>
            <CountsCheckNote run={r} />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Attempts</CardTitle>
        </CardHeader>
        {r.attemptHistory.length === 0 ? (
          <CardContent>
            <p className="text-sm text-muted-foreground">
              {r.status === "QUEUED" ? "Waiting to start." : "No attempt details are kept for this run."}
            </p>
          </CardContent>
        ) : (
          <div className="pt-3">
            <Table data-testid="job-attempts">
              <TableCaption>Attempts of this run</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Attempt</TableHead>
                  <TableHead>Started</TableHead>
                  <TableHead className="text-right">Duration</TableHead>
                  <TableHead>Outcome</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {r.attemptHistory.map((attempt) => (
                  <TableRow key={attempt.attempt} data-testid="job-attempt">
                    <TableCell className="tabular-nums">#{attempt.attempt + 1}</TableCell>
                    <TableCell className="whitespace-nowrap text-muted-foreground">
                      <DateTimeOrDash value={attempt.startedAt} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {attempt.finishedAt ? formatDuration(attempt.finishedAt.getTime() - attempt.startedAt.getTime()) : "—"}
                    </TableCell>
                    <TableCell className="max-w-md">
                      {attempt.error ? (
                        <span className="font-mono text-xs break-words text-destructive">{attempt.error}</span>
                      ) : attempt.finishedAt ? (
                        "Succeeded"
                      ) : (
                        <span className="text-muted-foreground">In progress</span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Identifiers</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-2">
            <Fact label="Run">
              <span className="font-mono text-xs break-all">{r.id}</span>
            </Fact>
            <Fact label="Function">
              <span className="font-mono text-xs break-all">{r.functionId ?? "—"}</span>
            </Fact>
            <Fact label="Event">
              <span className="font-mono text-xs break-all">{r.eventName ?? "—"}</span>
            </Fact>
            <Fact label="Inngest run">
              <span className="font-mono text-xs break-all">{r.inngestRunId ?? "—"}</span>
            </Fact>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
