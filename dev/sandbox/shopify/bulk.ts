import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, rmSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from "node:timers/promises";
import { GraphQLError, parse, validate, type DocumentNode } from "graphql";
import { bulkLines, checkBulkRules } from "./bulk-executor";
import { ungrouped } from "./bulk-ungrouped";
import { createExecContext } from "./exec-context";
import { gid, iso, parseGid } from "./gid";
import { queryRoot } from "./root";
import { adminSchema } from "./schema";
import type { SandboxShop } from "./shop";
import type { View } from "./views";

export type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";
export type BulkErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface BulkOperationRecord {
  id: number;
  status: BulkStatus;
  errorCode: BulkErrorCode | null;
  query: string;
  createdAt: number;
  completedAt: number | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  partialDataUrl: string | null;
  /** Sandbox only: why the operation failed (e.g. a field the sandbox does not implement). */
  failureReason?: string;
  /** Whether its file is grouped (every child right after its parent) or, by default, not. */
  groupObjects: boolean;
}

export interface BulkFailure {
  errorCode?: "INTERNAL_SERVER_ERROR" | "TIMEOUT";
  /** Objects written (and served as partialDataUrl) before the failure. Default 0. */
  afterObjects?: number;
  /** Only an operation whose query contains this fails (several start together). Default: the next one. */
  queryIncludes?: string;
}

export interface BulkOptions {
  /** Directory for result files. */
  dir: string;
  /** Base URL result files are served under (`…/bulk/<shop>`). */
  fileBaseUrl: string;
  /** Minimum time from creation to completion (ms). Default 0: done as fast as it is written. */
  delayMs: number;
  /** Concurrent bulk query operations per shop (5 since 2026-01). */
  maxConcurrent: number;
}

const ACTIVE: ReadonlySet<BulkStatus> = new Set(["CREATED", "RUNNING", "CANCELING"]);

/** Bulk query operations of the app on one shop: run, poll, cancel, serve the JSONL. */
export class BulkOperations {
  private readonly ops = new Map<number, BulkOperationRecord>();
  private readonly files = new Map<string, string>();
  private readonly cancelRequested = new Set<number>();
  /** Interrupts an operation's remaining delay (cancel, server stop). */
  private readonly wakers = new Map<number, AbortController>();
  private readonly done = new Map<number, Promise<void>>();
  private readonly failures: BulkFailure[] = [];
  /** The id the next operation gets (kept in the state file: an id is never handed out twice). */
  nextOperationId = 3_300_000_000;

  constructor(
    private readonly shop: SandboxShop,
    private readonly options: BulkOptions,
  ) {}

  list(): BulkOperationRecord[] {
    return [...this.ops.values()];
  }

  get(id: number): BulkOperationRecord | undefined {
    return this.ops.get(id);
  }

  /** Resolves when the operation reaches a final status. */
  async settled(id: number): Promise<BulkOperationRecord> {
    await this.done.get(id);
    return this.ops.get(id)!;
  }

  failNext(failure: BulkFailure = {}): void {
    this.failures.push(failure);
  }

  /** Path of a served result file, by its URL name. */
  file(name: string): string | undefined {
    return this.files.get(name);
  }

  run(query: string, scopes: ReadonlySet<string>, groupObjects = false): View {
    const payload = (bulkOperation: View | null, userErrors: View[]) => ({ __typename: "BulkOperationRunQueryPayload", bulkOperation, userErrors });
    const userError = (message: string, code: "INVALID" | "LIMIT_REACHED" | "OPERATION_IN_PROGRESS") =>
      payload(null, [{ __typename: "BulkOperationUserError", field: ["query"], message, code }]);
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return userError(`Invalid bulk query: ${(error as GraphQLError).message}`, "INVALID");
    }
    const errors = validate(adminSchema(), document);
    if (errors.length) return userError(`Invalid bulk query: ${errors[0]!.message}`, "INVALID");
    const ruleError = checkBulkRules(adminSchema(), document);
    if (ruleError) return userError(ruleError, "INVALID");
    if (this.list().filter((op) => ACTIVE.has(op.status)).length >= this.options.maxConcurrent) {
      return userError(
        `A maximum of ${this.options.maxConcurrent} bulk query operations can run at the same time for this app and shop. Wait for one to finish or cancel it.`,
        "LIMIT_REACHED",
      );
    }
    const op: BulkOperationRecord = {
      id: this.nextOperationId++,
      status: "CREATED",
      errorCode: null,
      query,
      createdAt: this.shop.clock.now(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      partialDataUrl: null,
      groupObjects,
    };
    this.ops.set(op.id, op);
    const failure = this.failures.findIndex((f) => f.queryIncludes === undefined || query.includes(f.queryIncludes));
    this.done.set(op.id, this.execute(op, document, scopes, failure === -1 ? undefined : this.failures.splice(failure, 1)[0]));
    return payload(operationView(op), []);
  }

  cancel(id: string): View {
    const parsed = parseGid(id);
    const op = parsed?.type === "BulkOperation" ? this.ops.get(parsed.id) : undefined;
    if (!op) return { __typename: "BulkOperationCancelPayload", bulkOperation: null, userErrors: [{ __typename: "UserError", field: ["id"], message: "Bulk operation does not exist" }] };
    if (!ACTIVE.has(op.status)) {
      return {
        __typename: "BulkOperationCancelPayload",
        bulkOperation: operationView(op),
        userErrors: [{ __typename: "UserError", field: null, message: `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}` }],
      };
    }
    op.status = "CANCELING";
    this.cancelRequested.add(op.id);
    this.wakers.get(op.id)?.abort();
    return { __typename: "BulkOperationCancelPayload", bulkOperation: operationView(op), userErrors: [] };
  }

  current(type: "QUERY" | "MUTATION"): View | null {
    if (type !== "QUERY") return null;
    const latest = this.list().at(-1);
    return latest ? operationView(latest) : null;
  }

  view(id: number): View | null {
    const op = this.ops.get(id);
    return op ? operationView(op) : null;
  }

  /** Cancels whatever is still running (server stop) and waits for it. */
  async cancelAll(): Promise<void> {
    for (const op of this.ops.values()) {
      if (!ACTIVE.has(op.status)) continue;
      this.cancelRequested.add(op.id);
      this.wakers.get(op.id)?.abort();
    }
    await Promise.all(this.done.values());
  }

  private async execute(op: BulkOperationRecord, document: DocumentNode, scopes: ReadonlySet<string>, failure: BulkFailure | undefined): Promise<void> {
    await yieldToEventLoop();
    const started = Date.now();
    op.status = op.status === "CANCELING" ? op.status : "RUNNING";
    const name = `${op.id}-${randomBytes(8).toString("hex")}.jsonl`;
    const path = join(this.options.dir, `${this.shop.domain}-${name}`);
    const out = createWriteStream(path);
    let bytes = 0;
    let outcome: { status: BulkStatus; errorCode: BulkErrorCode | null } = { status: "COMPLETED", errorCode: null };
    try {
      const ctx = createExecContext(this.shop, scopes, true);
      const grouped = bulkLines(adminSchema(), document, queryRoot(ctx), ctx);
      for (const { line, root } of op.groupObjects ? grouped : ungrouped(grouped, `${this.shop.domain}:${op.id}`)) {
        if (this.cancelRequested.has(op.id)) {
          outcome = { status: "CANCELED", errorCode: null };
          break;
        }
        if (failure && op.objectCount >= (failure.afterObjects ?? 0)) {
          outcome = { status: "FAILED", errorCode: failure.errorCode ?? "INTERNAL_SERVER_ERROR" };
          break;
        }
        const text = `${line}\n`;
        bytes += Buffer.byteLength(text);
        op.objectCount++;
        if (root) op.rootObjectCount++;
        if (!out.write(text)) await once(out, "drain");
        if (op.objectCount % 2000 === 0) await yieldToEventLoop();
      }
      if (failure && outcome.status === "COMPLETED") outcome = { status: "FAILED", errorCode: failure.errorCode ?? "INTERNAL_SERVER_ERROR" };
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
      op.failureReason = (error as Error).message;
      if (code !== "ACCESS_DENIED") console.warn(`[shopify sandbox] bulk operation ${op.id} on ${this.shop.domain} failed: ${op.failureReason}`);
      outcome = { status: "FAILED", errorCode: code === "ACCESS_DENIED" ? "ACCESS_DENIED" : "INTERNAL_SERVER_ERROR" };
      if (code === "ACCESS_DENIED") {
        op.objectCount = 0;
        op.rootObjectCount = 0;
        bytes = 0;
      }
    }
    out.end();
    await once(out, "close");
    const remaining = this.options.delayMs - (Date.now() - started);
    if (remaining > 0 && outcome.status !== "CANCELED" && !this.cancelRequested.has(op.id)) {
      const waker = new AbortController();
      this.wakers.set(op.id, waker);
      await sleep(remaining, undefined, { signal: waker.signal }).catch(() => undefined);
      this.wakers.delete(op.id);
    }
    if (this.cancelRequested.has(op.id) && outcome.status === "COMPLETED") outcome = { status: "CANCELED", errorCode: null };
    this.cancelRequested.delete(op.id);

    const url = `${this.options.fileBaseUrl}/${name}`;
    const hasData = op.objectCount > 0;
    if (hasData) this.files.set(name, path);
    else rmSync(path, { force: true });
    op.status = outcome.status;
    op.errorCode = outcome.errorCode;
    op.completedAt = this.shop.clock.now();
    op.fileSize = outcome.status === "COMPLETED" && hasData ? bytes : null;
    // Like Shopify: no file at all when nothing matched; a failed run links what it wrote so far.
    op.url = outcome.status === "COMPLETED" && hasData ? url : null;
    op.partialDataUrl = outcome.status === "FAILED" && hasData ? url : null;
    await this.shop.bulkOperationFinished(op.id);
  }
}

function operationView(op: BulkOperationRecord): View {
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", op.id),
    type: "QUERY",
    status: op.status,
    errorCode: op.errorCode,
    query: op.query,
    createdAt: iso(op.createdAt),
    completedAt: iso(op.completedAt),
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: op.fileSize === null ? null : String(op.fileSize),
    url: op.url,
    partialDataUrl: op.partialDataUrl,
  };
}
