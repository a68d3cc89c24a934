import { Middleware, type Inngest, type InngestFunction } from "inngest";
import { inngest } from "@/inngest/client";
import { jobRunFailed, jobRunRecovered } from "@/inngest/events";
import { beginJobRunAttempt } from "@/server/services/jobs/begin-job-run-attempt";
import { endJobRunAttempt } from "@/server/services/jobs/end-job-run-attempt";
import { failJobRun } from "@/server/services/jobs/fail-job-run";
import { finishJobRun } from "@/server/services/jobs/finish-job-run";
import type { JobKind } from "@/server/services/jobs/kinds";
import { recordJobRunCounts } from "@/server/services/jobs/record-job-run-counts";
import { startJobRun } from "@/server/services/jobs/start-job-run";
import { touchJobRun } from "@/server/services/jobs/touch-job-run";
import type { JobCounts, JobEvent, JobRunIdentity, JobScope } from "@/server/services/jobs/types";
import { updateJobRunProgress } from "@/server/services/jobs/update-job-run-progress";

// The one wrapper that records every run of a background job as a JobRun.
//
// Why a handler wrapper with steps, plus a small middleware, rather than middleware alone: the
// SDK re-invokes the handler once per step and swallows errors thrown by middleware hooks
// (onRunStart, onRunComplete only log them). A lost "started" or "succeeded" write would leave
// the JobRun wrong for good, so those writes are memoized steps of the run itself: Inngest runs
// each exactly once per run and retries it when the database hiccups. What only a hook can see,
// a step's error before Inngest retries it, is recorded by the middleware (best effort: it fills
// in details.attempts). "Failed for good" is Inngest's own verdict, delivered to `onFailure`
// (retries used up, NonRetriableError, and also failures the handler never saw, like a crashed
// or timed-out request), itself a durable function with retries. Cancellation reaches no
// handler at all: inngest/functions/record-cancelled-job-run.ts records it.

type Trigger = InngestFunction.Trigger<string>;
type Triggers = Trigger | readonly Trigger[];

// The context createFunction would give a plain handler for these triggers (typed event data).
type BaseContext<TTriggers extends Triggers> = Parameters<
  Parameters<typeof inngest.createFunction<TTriggers extends readonly Trigger[] ? [...TTriggers] : TTriggers>>[1]
>[0];

export type JobHandle = {
  /** The JobRun this run writes to. */
  id: string;
  /** Adds a batch's counts to the run's totals. A step of its own: call it between steps. */
  record(counts: JobCounts): Promise<void>;
  /** How far the run is; without a total the UI shows the count but no bar. Between steps. */
  progress(done: number, total?: number | null): Promise<void>;
};

export type JobContext<TTriggers extends Triggers> = BaseContext<TTriggers> & { job: JobHandle };

type FunctionOptions = Omit<Inngest.CreateFunctionInput<undefined, undefined, never>, "triggers" | "onFailure" | "middleware">;

export type JobOptions<TTriggers extends Triggers> = FunctionOptions & {
  id: string;
  kind: JobKind;
  triggers: TTriggers;
  /** Where a run belongs, from its triggering event (cron runs get `inngest/scheduled.timer`). */
  scope: (input: { event: BaseContext<TTriggers>["event"] }) => JobScope;
  /**
   * What the job records of its own once Inngest has given up on a run (see onFailure below): a
   * step of the failure handler, before the JobRun is marked FAILED. `event` is the run's event.
   */
  onFailure?: (input: { event: BaseContext<TTriggers>["event"] }) => Promise<void>;
};

const FAILED_EVENT = "inngest/function.failed";

export function defineJob<const TTriggers extends Triggers, TOutput>(
  options: JobOptions<TTriggers>,
  handler: (ctx: JobContext<TTriggers>) => Promise<TOutput>,
) {
  const { kind, scope, triggers, onFailure: jobFailed, ...functionOptions } = options;

  const identityOf = (event: { name: string; data?: unknown; id?: string; ts?: number }, runId: string): JobRunIdentity => {
    const data = isRecord(event.data) ? event.data : {};
    const { job: meta, ...rest } = data;
    const job = isRecord(meta) ? meta : {};
    return {
      inngestRunId: runId,
      functionId: options.id,
      kind,
      scope: scope({ event: event as BaseContext<TTriggers>["event"] }),
      // Without `job`: a retry re-sends this with a job meta of its own.
      event: { name: event.name, data: rest, id: event.id, ts: event.ts } satisfies JobEvent & { id?: string; ts?: number },
      jobRunId: typeof job.jobRunId === "string" ? job.jobRunId : undefined,
      retryOfId: typeof job.retryOfId === "string" ? job.retryOfId : undefined,
    };
  };

  return inngest.createFunction(
    {
      ...functionOptions,
      triggers: triggers as TTriggers extends readonly Trigger[] ? [...TTriggers] : TTriggers,
      middleware: [JobAttemptErrors],
      onFailure: async ({ event, error, step }) => {
        const failed = event.data as { run_id: string; event: { name: string; data?: unknown; id?: string; ts?: number } };
        if (jobFailed) await step.run("job-failed", () => jobFailed({ event: failed.event as BaseContext<TTriggers>["event"] }));
        const result = await step.run("job-run-fail", () => failJobRun(identityOf(failed.event, failed.run_id), errorMessage(error)));
        if (result.failed) {
          // The event id makes a re-sent failure (a retried onFailure run) one event, so one alert.
          await step.sendEvent("job-run-failed", jobRunFailed.create(result.failed, { id: `job-run-failed-${result.jobRunId}` }));
        }
      },
    },
    async (ctx) => {
      const { step, runId, attempt, event } = ctx;
      const { jobRunId } = await step.run("job-run-start", () => startJobRun(identityOf(event, runId)));
      // Code between steps re-runs on every call, so these are cheap and idempotent: a retry call
      // opens the next attempt (once), any other call refreshes the heartbeat (once a minute).
      if (attempt > 0) await beginJobRunAttempt(jobRunId);
      else await touchJobRun(jobRunId);

      // Numbered ids: every call replays the handler in the same order, so the nth record or
      // progress step keeps its id, and the SDK never has to index repeated ids itself (which it
      // warns about when checkpointed steps look parallel).
      let records = 0;
      let updates = 0;
      const job: JobHandle = {
        id: jobRunId,
        async record(counts) {
          await step.run(`job-run-record-${++records}`, () => recordJobRunCounts(jobRunId, counts));
        },
        async progress(done, total) {
          await step.run(`job-run-progress-${++updates}`, () => updateJobRunProgress(jobRunId, done, total));
        },
      };
      const output = await handler({ ...(ctx as BaseContext<TTriggers>), job } as JobContext<TTriggers>);

      const { recovered } = await step.run("job-run-finish", () => finishJobRun(jobRunId));
      if (recovered) {
        await step.sendEvent("job-run-recovered", jobRunRecovered.create(recovered, { id: `job-run-recovered-${jobRunId}` }));
      }
      return output;
    },
  );
}

// Closes the current attempt with its error whenever a step or the handler throws, retried or
// not, so the run's detail lists every failed try. The write is keyed on the Inngest run id (the
// hook has no access to the handler's JobRun id); errors here only lose that detail.
class JobAttemptErrors extends Middleware.BaseMiddleware {
  readonly id = "meridian:job-attempt-errors";

  override async onStepError({ ctx, error }: Middleware.OnStepErrorArgs) {
    if (ctx.event.name !== FAILED_EVENT) await endJobRunAttempt({ inngestRunId: ctx.runId }, errorMessage(error));
  }

  override async onRunError({ ctx, error }: Middleware.OnRunErrorArgs) {
    if (ctx.event.name !== FAILED_EVENT) await endJobRunAttempt({ inngestRunId: ctx.runId }, errorMessage(error));
  }
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim() || "Unknown error";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
