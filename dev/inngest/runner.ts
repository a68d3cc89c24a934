// The local Inngest-protocol runner: accepts events, matches them to the functions an app
// registered, and drives each run through call requests to the app, in memory (like the
// official Dev Server). HTTP routes live in http.ts; this is the engine.
import { callApp, toSerializedError, type CallOutcome } from "./call-app";
import { cronMatches, parseCron, type Cron } from "./cron";
import { parseDuration, sleepTarget } from "./duration";
import { evaluate, evaluateKey } from "./expression";
import { Debouncer, ExpiringSet, SlotPool, WindowCounter } from "./flow-control";
import { ulid } from "./ids";
import {
  asyncCheckpointSchema,
  checkpointableOps,
  eventSchema,
  internalEvents,
  registerBodySchema,
  type FunctionConfig,
  type IncomingEvent,
  type Op,
  type SerializedError,
  type StepState,
  type StoredEvent,
} from "./protocol";

export type RunStatus = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";

export type Run = {
  id: string;
  functionId: string;
  status: RunStatus;
  event: StoredEvent;
  /** The internal id of the event that started the run: what the Event API answered for it. */
  internalEventId: string;
  events: StoredEvent[];
  output?: unknown;
  error?: SerializedError;
  steps: Record<string, StepState>;
  /** Call requests made for this run (discovery, step runs, retries). */
  calls: number;
  /** Steps the SDK reported through async checkpoints instead of call responses. */
  checkpointedSteps: number;
  /** Retries of failed calls (function or step errors). */
  retries: number;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
};

export type RunnerOptions = {
  signingKey: string;
  eventKey: string;
  /** The app's serve() URL, used by `syncApp()` when none is given. */
  appUrl?: string;
  /** Retry backoff: base * 2^attempt, capped, with ±50 % jitter. Defaults: 1 s, 5 min. */
  backoff?: { baseMs: number; maxMs: number };
  /** Call requests in flight at once, across all functions. Default 64. */
  maxConcurrentCalls?: number;
  callTimeoutMs?: number;
  /**
   * Async checkpointing, as Inngest servers do it: call requests carry ctx.fn_id and ctx.qi_id,
   * so the SDK runs steps in-process and reports them to /v1/checkpoint/:runId/async, finishing
   * short runs in one call. Functions can still opt out (`checkpointing: false`). Default true.
   */
  checkpointing?: boolean;
  /** "auto" ticks crons every minute; "manual" only on `tickCron()`. Default "auto". */
  cron?: "auto" | "manual";
  log?: (message: string) => void;
};

type RegisteredFunction = {
  config: FunctionConfig;
  url: string;
  maxAttempts: number;
  crons: Array<{ expression: string; cron: Cron }>;
};

export type CheckpointResult = { status: 200 | 400 | 404 | 409; error?: string };

type Waiter = { run: Run; event: string; expression: string | undefined; resolve: (event: StoredEvent | null) => void };

const DAY_MS = 86_400_000;
const DEFAULT_RETRIES = 3;
const MAX_EVENTS_KEPT = 5_000;
const STOPPED = Symbol("stopped");
const MAX_TIMER_MS = 2 ** 31 - 1;

const isFinished = (run: Run) => run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED";

export class InngestRunner {
  readonly signingKey: string;
  readonly eventKey: string;
  private readonly functions = new Map<string, RegisteredFunction>();
  private readonly runs = new Map<string, Run>();
  private readonly events: StoredEvent[] = [];
  /** Every event received, by internal id (duplicates dropped for their id included), bounded. */
  private readonly eventsByInternalId = new Map<string, StoredEvent>();
  private readonly internalIds = new WeakMap<StoredEvent, string>();
  /** Internal event id → the runs it started (kept as long as the runs are). */
  private readonly runsByEvent = new Map<string, string[]>();
  private readonly finishedListeners = new Map<string, Array<(run: Run) => void>>();
  private readonly waiters = new Set<Waiter>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: (value: typeof STOPPED) => void }>();
  private readonly slots = new SlotPool();
  private readonly windows = new WindowCounter();
  private readonly debouncer = new Debouncer<StoredEvent>();
  private readonly seenEventIds = new ExpiringSet(DAY_MS);
  private readonly idempotencyKeys = new ExpiringSet(DAY_MS);
  private readonly lastCronMinute = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Queue item id (ctx.qi_id) of each call request in flight → its run id. */
  private readonly dispatches = new Map<string, string>();
  private cronTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: RunnerOptions) {
    this.signingKey = options.signingKey;
    this.eventKey = options.eventKey;
    if ((options.cron ?? "auto") === "auto") this.scheduleCronTick();
  }

  // ── App sync ────────────────────────────────────────────────────────────────────────────

  /** The SDK's register call (POST /fn/register): replaces that app's functions. */
  register(body: unknown): { appName: string; functions: string[] } {
    const parsed = registerBodySchema.parse(body);
    for (const [id, fn] of this.functions) if (fn.url.startsWith(parsed.url.split("?")[0]!) || id.startsWith(`${parsed.appName}-`)) this.functions.delete(id);
    for (const config of parsed.functions) {
      const step = Object.values(config.steps)[0];
      if (!step) continue;
      const crons = config.triggers.flatMap((t) => (t.cron ? [{ expression: t.cron, cron: parseCron(t.cron) }] : []));
      this.functions.set(config.id, {
        config,
        url: step.runtime.url,
        maxAttempts: (step.retries?.attempts ?? DEFAULT_RETRIES) + 1,
        crons,
      });
    }
    this.log(`synced app "${parsed.appName}": ${parsed.functions.map((f) => f.id).join(", ") || "no functions"}`);
    return { appName: parsed.appName, functions: parsed.functions.map((f) => f.id) };
  }

  /** Asks the app to sync (PUT to its serve() URL); the SDK then calls the register endpoint. */
  async syncApp(appUrl = this.options.appUrl): Promise<void> {
    if (!appUrl) throw new Error("No app URL to sync");
    const response = await fetch(appUrl, { method: "PUT" });
    const text = await response.text();
    if (!response.ok) throw new Error(`Sync of ${appUrl} failed with ${response.status}: ${text.slice(0, 300)}`);
  }

  listFunctions(): FunctionConfig[] {
    return [...this.functions.values()].map((fn) => fn.config);
  }

  // ── Events ──────────────────────────────────────────────────────────────────────────────

  /**
   * The Event API: stores events, deduplicates by id for 24 h, triggers functions. Answers, as
   * Inngest does, each event's internal id (a new ULID per received event, the one the REST API
   * looks events up by); an event sent without an id carries that one as its id. A duplicate gets
   * an internal id too, and starts nothing.
   */
  sendEvents(input: IncomingEvent | IncomingEvent[]): string[] {
    const list = Array.isArray(input) ? input : [input];
    const parsed = list.map((event) => eventSchema.parse(event));
    return parsed.map((event) => {
      const now = Date.now();
      const internalId = ulid(now);
      const stored: StoredEvent = { ...event, id: event.id ?? internalId, ts: event.ts ?? now };
      if (event.id && !this.seenEventIds.add(event.id, now)) {
        this.log(`event ${event.name} id=${event.id} already received within 24 h: ignored`);
        this.remember(stored, internalId);
        return internalId;
      }
      this.ingest(stored, internalId);
      return internalId;
    });
  }

  listEvents(filter: { name?: string } = {}): StoredEvent[] {
    return this.events.filter((e) => !filter.name || e.name === filter.name);
  }

  /** The runs an event started, by its internal id; undefined when the runner never had it. */
  eventRuns(internalId: string): Run[] | undefined {
    const runIds = this.runsByEvent.get(internalId);
    if (!runIds && !this.eventsByInternalId.has(internalId)) return undefined;
    return (runIds ?? []).flatMap((id) => this.runs.get(id) ?? []);
  }

  private remember(event: StoredEvent, internalId: string) {
    this.internalIds.set(event, internalId);
    this.eventsByInternalId.set(internalId, event);
    for (const oldest of this.eventsByInternalId.keys()) {
      if (this.eventsByInternalId.size <= MAX_EVENTS_KEPT) break;
      this.eventsByInternalId.delete(oldest);
    }
  }

  /** Events the runner makes itself (cron, invoke, function.failed) have ULID ids: their own. */
  private record(event: StoredEvent, internalId = event.id) {
    this.remember(event, internalId);
    this.events.push(event);
    if (this.events.length > MAX_EVENTS_KEPT) this.events.splice(0, this.events.length - MAX_EVENTS_KEPT);
  }

  private ingest(event: StoredEvent, internalId = event.id) {
    this.record(event, internalId);
    this.resolveWaiters(event);
    this.cancelRuns(event);
    for (const fn of this.functions.values()) {
      const triggered = fn.config.triggers.some(
        (t) => t.event !== undefined && nameMatches(t.event, event.name) && (!t.expression || this.test(t.expression, { event })),
      );
      if (triggered) this.schedule(fn, event);
    }
  }

  private test(expression: string, scope: Record<string, unknown>): boolean {
    try {
      return Boolean(evaluate(expression, scope));
    } catch (error) {
      this.log(`expression ${expression} failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  // ── Cron ────────────────────────────────────────────────────────────────────────────────

  /** Fires every cron trigger that matches the minute of `at` (once per minute and function). */
  tickCron(at: Date = new Date()): Run[] {
    const minute = Math.floor(at.getTime() / 60_000);
    const started: Run[] = [];
    for (const fn of this.functions.values()) {
      for (const { expression, cron } of fn.crons) {
        const key = `${fn.config.id} ${expression}`;
        if (!cronMatches(cron, at) || this.lastCronMinute.get(key) === minute) continue;
        this.lastCronMinute.set(key, minute);
        const event: StoredEvent = { name: internalEvents.scheduledTimer, data: { cron: expression }, id: ulid(), ts: at.getTime() };
        this.record(event);
        const run = this.schedule(fn, event);
        if (run) started.push(run);
      }
    }
    return started;
  }

  private scheduleCronTick() {
    const wait = 60_000 - (Date.now() % 60_000) + 50;
    this.cronTimer = setTimeout(() => {
      this.tickCron();
      this.scheduleCronTick();
    }, wait);
    this.cronTimer.unref();
  }

  // ── Runs: reading ───────────────────────────────────────────────────────────────────────

  getRun(id: string): Run | undefined {
    return this.runs.get(id);
  }

  listRuns(filter: { functionId?: string; status?: RunStatus; eventName?: string } = {}): Run[] {
    return [...this.runs.values()].filter(
      (run) =>
        (!filter.functionId || run.functionId === filter.functionId || run.functionId.endsWith(`-${filter.functionId}`)) &&
        (!filter.status || run.status === filter.status) &&
        (!filter.eventName || run.event.name === filter.eventName),
    );
  }

  /** Resolves when the run has finished (completed, failed or cancelled). */
  waitForRun(id: string, timeoutMs = 30_000): Promise<Run> {
    const run = this.runs.get(id);
    if (!run) return Promise.reject(new Error(`No run ${id}`));
    if (isFinished(run)) return Promise.resolve(run);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Run ${id} (${run.functionId}) still ${run.status} after ${timeoutMs} ms`)),
        Math.min(timeoutMs, MAX_TIMER_MS),
      );
      const listeners = this.finishedListeners.get(id) ?? [];
      listeners.push((finished) => {
        clearTimeout(timer);
        resolve(finished);
      });
      this.finishedListeners.set(id, listeners);
    });
  }

  /** Event names a run is waiting for (step.waitForEvent) right now. */
  waitingFor(runId: string): string[] {
    return [...this.waiters].filter((w) => w.run.id === runId).map((w) => w.event);
  }

  // ── Runs: scheduling with flow control ──────────────────────────────────────────────────

  private schedule(fn: RegisteredFunction, event: StoredEvent): Run | undefined {
    const { config } = fn;
    const scope = { event };
    const keyOf = (expression: string | undefined) => `${config.id}:${expression ? evaluateKey(expression, scope) : ""}`;
    const now = Date.now();

    if (config.rateLimit) {
      const period = parseDuration(config.rateLimit.period) ?? 60_000;
      if (!this.windows.tryTake(`rate:${keyOf(config.rateLimit.key)}`, config.rateLimit.limit, period, now)) {
        this.log(`${config.id}: rate limited, event ${event.id} skipped`);
        return undefined;
      }
    }
    if (config.idempotency && !this.idempotencyKeys.add(keyOf(config.idempotency), now)) {
      this.log(`${config.id}: idempotency key already used, event ${event.id} skipped`);
      return undefined;
    }
    if (config.debounce) {
      const period = parseDuration(config.debounce.period) ?? 0;
      const timeout = config.debounce.timeout ? parseDuration(config.debounce.timeout) : undefined;
      this.debouncer.push(keyOf(config.debounce.key), event, period, timeout, now, (last) => {
        if (!this.stopped) this.startRun(fn, last, 0);
      });
      return undefined;
    }
    let delay = 0;
    if (config.throttle) {
      const period = parseDuration(config.throttle.period) ?? 60_000;
      const capacity = config.throttle.limit + (config.throttle.burst ?? 0);
      delay = this.windows.reserve(`throttle:${keyOf(config.throttle.key)}`, capacity, period, now) - now;
    }
    return this.startRun(fn, event, delay);
  }

  private startRun(fn: RegisteredFunction, event: StoredEvent, delayMs: number, id = ulid()): Run {
    const internalEventId = this.internalIds.get(event) ?? event.id;
    const run: Run = {
      id,
      functionId: fn.config.id,
      status: "QUEUED",
      event,
      internalEventId,
      events: [event],
      steps: {},
      calls: 0,
      checkpointedSteps: 0,
      retries: 0,
      queuedAt: Date.now(),
    };
    this.runs.set(run.id, run);
    this.runsByEvent.set(internalEventId, [...(this.runsByEvent.get(internalEventId) ?? []), run.id]);
    const execution = (async () => {
      if (delayMs > 0 && (await this.delay(delayMs)) === STOPPED) return;
      await this.execute(run);
    })().catch((error: unknown) => this.finish(run, "FAILED", undefined, toSerializedError(error, "Runner error")));
    this.track(execution);
    return run;
  }

  // ── Runs: execution ─────────────────────────────────────────────────────────────────────

  private async execute(run: Run) {
    if (isFinished(run) || this.stopped) return;
    run.status = "RUNNING";
    run.startedAt = Date.now();
    let attempt = 0;
    while (!isFinished(run) && !this.stopped) {
      const outcome = await this.call(run, undefined, attempt);
      if (isFinished(run) || this.stopped) return;
      if (outcome.kind === "complete") return this.finish(run, "COMPLETED", outcome.output);
      if (outcome.kind === "ops") {
        await Promise.all(outcome.ops.map((op) => this.handleOp(run, op, attempt, outcome.retryAfterMs)));
        attempt = 0;
        continue;
      }
      if (!(await this.retryAfterError(run, outcome, attempt))) return this.finish(run, "FAILED", undefined, outcome.error);
      attempt++;
    }
  }

  /** Waits before the next attempt; false when the error is final (no-retry or attempts used up). */
  private async retryAfterError(run: Run, outcome: Extract<CallOutcome, { kind: "error" }>, attempt: number): Promise<boolean> {
    const fn = this.functions.get(run.functionId);
    if (!outcome.retriable || !fn || attempt + 1 >= fn.maxAttempts) return false;
    run.retries++;
    const wait = outcome.retryAfterMs ?? this.backoff(attempt);
    this.log(`${run.functionId} run ${run.id}: attempt ${attempt + 1} failed (${outcome.error.message}); retrying in ${wait} ms`);
    return (await this.delay(wait)) !== STOPPED;
  }

  private backoff(attempt: number): number {
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 1_000, maxMs: 300_000 };
    const exponential = Math.min(maxMs, baseMs * 2 ** attempt);
    return Math.round(exponential * (0.5 + Math.random() * 0.5));
  }

  private async handleOp(run: Run, op: Op, attempt: number, retryAfterMs?: number): Promise<void> {
    switch (op.op) {
      case "StepRun":
      case "Step":
        return this.memoize(run, op.id, { type: "data", data: op.data ?? null });
      case "StepFailed":
        return this.memoize(run, op.id, { type: "error", error: toSerializedError(op.error, "Step failed") });
      case "StepError":
        return this.retryStep(run, op, attempt, retryAfterMs);
      case "StepPlanned":
        return this.runStep(run, op.id, 0);
      case "Sleep": {
        const until = sleepTarget(op.name ?? "", Date.now());
        if ((await this.delay(until - Date.now())) === STOPPED) return;
        return this.memoize(run, op.id, { type: "data", data: null });
      }
      case "WaitForEvent":
        return this.waitForEvent(run, op);
      case "InvokeFunction":
        return this.invoke(run, op);
      case "RunComplete":
        return this.finish(run, "COMPLETED", op.data ?? null);
      default:
        if (op.op === "AIGateway" || op.op === "Gateway" || op.op === "WaitForSignal") {
          return this.memoize(run, op.id, { type: "error", error: { name: "Error", message: `${op.op} is not supported by the local runner` } });
        }
        // DeferAdd/DeferAbort and other bookkeeping ops need nothing from a local runner.
        return;
    }
  }

  private async retryStep(run: Run, op: Op, attempt: number, retryAfterMs: number | undefined) {
    const error = toSerializedError(op.error, "Step failed");
    if (!(await this.retryAfterError(run, { kind: "error", error, retriable: true, retryAfterMs }, attempt))) {
      return this.memoize(run, op.id, { type: "error", error });
    }
    return this.runStep(run, op.id, attempt + 1);
  }

  /** Runs one planned step (call with stepId) until it succeeds or fails for good. */
  private async runStep(run: Run, stepId: string, firstAttempt: number) {
    let attempt = firstAttempt;
    while (!isFinished(run) && !this.stopped) {
      const outcome = await this.call(run, stepId, attempt);
      if (isFinished(run) || this.stopped) return;
      if (outcome.kind === "ops") {
        const op = outcome.ops.find((candidate) => candidate.id === stepId) ?? outcome.ops[0];
        if (!op) return;
        if (op.op !== "StepError") return this.handleOp(run, op, attempt);
        const error = toSerializedError(op.error, "Step failed");
        if (!(await this.retryAfterError(run, { kind: "error", error, retriable: true, retryAfterMs: outcome.retryAfterMs }, attempt))) {
          return this.memoize(run, stepId, { type: "error", error });
        }
      } else if (outcome.kind === "complete") {
        return this.finish(run, "COMPLETED", outcome.output);
      } else if (!(await this.retryAfterError(run, outcome, attempt))) {
        return this.finish(run, "FAILED", undefined, outcome.error);
      }
      attempt++;
    }
  }

  /**
   * POST /v1/checkpoint/:runId/async: steps the SDK ran in-process during a call request. Their
   * results become memoized state, so a later call (after a sleep, a wait or a retry) replays
   * them instead of running them again. 409 tells the SDK its call is stale (the run finished or
   * the call is no longer in flight) and it stops executing.
   */
  checkpointAsync(runId: string, body: unknown): CheckpointResult {
    const parsed = asyncCheckpointSchema.safeParse(body);
    if (!parsed.success) return { status: 400, error: `Invalid checkpoint: ${parsed.error.issues[0]?.message ?? "bad body"}` };
    const checkpoint = parsed.data;
    const run = this.runs.get(runId);
    if (!run || checkpoint.run_id !== runId || checkpoint.fn_id !== run.functionId) return { status: 404, error: `Run ${runId} not found` };
    const unsupported = checkpoint.steps.find((op) => !checkpointableOps.has(op.op));
    if (unsupported) return { status: 400, error: `Cannot checkpoint opcode ${unsupported.op}` };
    if (isFinished(run) || this.dispatches.get(checkpoint.qi_id) !== runId) {
      return { status: 409, error: `Stale dispatch: call ${checkpoint.qi_id} of run ${runId} is not in flight` };
    }
    for (const op of checkpoint.steps) {
      if (op.op !== "StepRun" && op.op !== "Step") continue;
      this.memoize(run, op.id, { type: "data", data: op.data ?? null });
      run.checkpointedSteps++;
    }
    return { status: 200 };
  }

  private memoize(run: Run, stepId: string, state: StepState) {
    if (!isFinished(run)) run.steps[stepId] = state;
  }

  private async waitForEvent(run: Run, op: Op) {
    const timeout = parseDuration(String(op.opts?.timeout ?? "")) ?? DAY_MS;
    const expression = typeof op.opts?.if === "string" ? op.opts.if : undefined;
    const received = await new Promise<StoredEvent | null>((resolve) => {
      const waiter: Waiter = { run, event: op.name ?? "", expression, resolve: () => undefined };
      void this.delay(timeout).then(() => waiter.resolve(null));
      waiter.resolve = (event) => {
        this.waiters.delete(waiter);
        resolve(event);
      };
      this.waiters.add(waiter);
    });
    this.memoize(run, op.id, { type: "data", data: received });
  }

  private resolveWaiters(event: StoredEvent) {
    for (const waiter of [...this.waiters]) {
      if (isFinished(waiter.run)) {
        this.waiters.delete(waiter);
        continue;
      }
      if (waiter.event !== event.name) continue;
      if (waiter.expression && !this.test(waiter.expression, { event: waiter.run.event, async: event })) continue;
      waiter.resolve(event);
    }
  }

  private async invoke(run: Run, op: Op) {
    const target = this.functions.get(String(op.opts?.function_id ?? ""));
    if (!target) {
      return this.memoize(run, op.id, { type: "error", error: { name: "Error", message: `Invoked function "${String(op.opts?.function_id)}" is not registered` } });
    }
    const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown> };
    const event: StoredEvent = {
      name: internalEvents.functionInvoked,
      data: { ...(payload.data ?? {}), _inngest: { source_app_id: run.functionId, source_fn_id: run.functionId, source_run_id: run.id } },
      id: ulid(),
      ts: Date.now(),
    };
    this.record(event);
    const child = this.startRun(target, event, 0);
    const timeout = typeof op.opts?.timeout === "string" ? parseDuration(op.opts.timeout) : undefined;
    const finished = await this.waitForRun(child.id, timeout ?? 365 * DAY_MS).catch(() => undefined);
    if (!finished) {
      return this.memoize(run, op.id, { type: "error", error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for the invoked function to complete" } });
    }
    if (finished.status === "COMPLETED") return this.memoize(run, op.id, { type: "data", data: finished.output ?? null });
    return this.memoize(run, op.id, { type: "error", error: finished.error ?? { name: "Error", message: `Invoked run ${finished.status}` } });
  }

  private cancelRuns(event: StoredEvent) {
    for (const run of this.runs.values()) {
      if (isFinished(run)) continue;
      const cancel = this.functions.get(run.functionId)?.config.cancel ?? [];
      const hit = cancel.some((c) => c.event === event.name && (!c.if || this.test(c.if, { event: run.event, async: event })));
      if (hit) this.finish(run, "CANCELLED");
    }
  }

  /** One call request, holding a slot of every concurrency limit of the function. */
  private async call(run: Run, stepId: string | undefined, attempt: number): Promise<CallOutcome> {
    const fn = this.functions.get(run.functionId);
    if (!fn) return { kind: "error", error: { name: "Error", message: `Function ${run.functionId} is no longer registered` }, retriable: false, retryAfterMs: undefined };
    const release = await this.slots.acquire(this.limitsFor(fn, run.event));
    const queueItemId = ulid();
    try {
      if (isFinished(run) || this.stopped) return { kind: "complete", output: null };
      run.calls++;
      this.dispatches.set(queueItemId, run.id);
      const call = callApp({
        url: fn.url,
        functionId: fn.config.id,
        stepId,
        signingKey: this.signingKey,
        runId: run.id,
        attempt,
        maxAttempts: fn.maxAttempts,
        event: run.event,
        events: run.events,
        steps: run.steps,
        timeoutMs: this.options.callTimeoutMs ?? 300_000,
        checkpoint: (this.options.checkpointing ?? true) ? { functionId: fn.config.id, queueItemId } : undefined,
      });
      this.track(call);
      return await call;
    } finally {
      this.dispatches.delete(queueItemId);
      release();
    }
  }

  private limitsFor(fn: RegisteredFunction, event: StoredEvent) {
    const limits = [{ key: "*", limit: this.options.maxConcurrentCalls ?? 64 }];
    const raw = fn.config.concurrency;
    const items = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    for (const item of items) {
      const { limit, key } = typeof item === "number" ? { limit: item, key: undefined } : item;
      if (limit <= 0) continue;
      const value = key ? this.safeKey(key, event) : "";
      limits.push({ key: `concurrency:${fn.config.id}:${key ?? ""}:${value}`, limit });
    }
    return limits;
  }

  private safeKey(expression: string, event: StoredEvent): string {
    try {
      return evaluateKey(expression, { event });
    } catch {
      return "";
    }
  }

  private finish(run: Run, status: Exclude<RunStatus, "QUEUED" | "RUNNING">, output?: unknown, error?: SerializedError) {
    if (isFinished(run)) return;
    run.status = status;
    run.endedAt = Date.now();
    if (status === "COMPLETED") run.output = output;
    if (error) run.error = error;
    this.log(`${run.functionId} run ${run.id} ${status}${error ? `: ${error.message}` : ""}`);
    for (const listener of this.finishedListeners.get(run.id) ?? []) listener(run);
    this.finishedListeners.delete(run.id);
    if (status === "FAILED" && run.event.name !== internalEvents.functionFailed && !this.stopped) {
      // What the SDK's onFailure handlers (registered as `<id>-failure`) are triggered by.
      this.ingest({
        name: internalEvents.functionFailed,
        data: { function_id: run.functionId, run_id: run.id, error: run.error, event: run.event },
        id: ulid(),
        ts: Date.now(),
      });
    }
  }

  // ── Timers and shutdown ─────────────────────────────────────────────────────────────────

  private delay(ms: number): Promise<void | typeof STOPPED> {
    if (this.stopped) return Promise.resolve(STOPPED);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, Math.min(ms, MAX_TIMER_MS)),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  private track(promise: Promise<unknown>) {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
  }

  /** Stops scheduling, cancels timers, and waits (up to `graceMs`) for in-flight calls. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.cronTimer);
    this.debouncer.clear();
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.resolve(STOPPED);
    }
    this.timers.clear();
    for (const waiter of this.waiters) waiter.resolve(null);
    const settled = Promise.allSettled([...this.inFlight]);
    await Promise.race([settled, new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  private log(message: string) {
    this.options.log?.(message);
  }
}

function nameMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}
