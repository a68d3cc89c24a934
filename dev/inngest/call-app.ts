// One call request to an app's serve() endpoint, and what its answer means
// (SDK spec: 200 = function finished, 206 = ops to handle, 500 = retriable error,
// 400 or `x-inngest-no-retry: true` = permanent error; `retry-after` sets the next attempt).
import { z } from "zod";
import { parseRetryAfter } from "./duration";
import { canonicalJson, signBody } from "./signature";
import { headers, opSchema, type Op, type SerializedError, type StepState, type StoredEvent } from "./protocol";

export type CallRequest = {
  url: string;
  functionId: string;
  stepId: string | undefined;
  signingKey: string;
  runId: string;
  attempt: number;
  maxAttempts: number;
  event: StoredEvent;
  events: StoredEvent[];
  steps: Record<string, StepState>;
  timeoutMs: number;
  /**
   * Sent as ctx.fn_id / ctx.qi_id, which switch the SDK into async checkpointing: it runs steps
   * in-process and posts them to /v1/checkpoint/:runId/async, naming this call by `queueItemId`.
   */
  checkpoint?: { functionId: string; queueItemId: string };
};

export type CallOutcome =
  | { kind: "complete"; output: unknown }
  | { kind: "ops"; ops: Op[]; retryAfterMs: number | undefined }
  | { kind: "error"; error: SerializedError; retriable: boolean; retryAfterMs: number | undefined };

export function toSerializedError(value: unknown, fallback: string): SerializedError {
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const message = typeof record.message === "string" ? record.message : typeof record.error === "string" ? record.error : fallback;
    return { ...record, name: typeof record.name === "string" ? record.name : "Error", message } as SerializedError;
  }
  return { name: "Error", message: typeof value === "string" && value ? value : fallback };
}

export async function callApp(request: CallRequest): Promise<CallOutcome> {
  const url = new URL(request.url);
  url.searchParams.set("fnId", request.functionId);
  url.searchParams.set("stepId", request.stepId ?? "step");
  const body = canonicalJson({
    version: 2,
    event: request.event,
    events: request.events,
    steps: request.steps,
    ctx: {
      run_id: request.runId,
      attempt: request.attempt,
      max_attempts: request.maxAttempts,
      disable_immediate_execution: false,
      use_api: false,
      fn_id: request.checkpoint?.functionId,
      qi_id: request.checkpoint?.queueItemId,
    },
  });
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        [headers.signature]: signBody(body, request.signingKey),
        "x-run-id": request.runId,
        "x-inngest-req-version": "2",
      },
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "error", error: { name: "Error", message: `Could not reach the app at ${url.origin}: ${message}` }, retriable: true, retryAfterMs: undefined };
  }
  const retryAfterMs = parseRetryAfter(response.headers.get(headers.retryAfter), Date.now());
  const json = parseJson(text);
  if (response.status === 200) return { kind: "complete", output: json ?? null };
  if (response.status === 206) {
    const ops = z.array(opSchema).safeParse(json);
    if (ops.success) return { kind: "ops", ops: ops.data, retryAfterMs };
    return { kind: "error", error: { name: "Error", message: `The app answered 206 with an invalid op list: ${text.slice(0, 200)}` }, retriable: true, retryAfterMs };
  }
  const noRetry = response.headers.get(headers.noRetry) === "true" || response.status === 400;
  return {
    kind: "error",
    error: toSerializedError(json ?? text, `The app answered ${response.status}`),
    retriable: !noRetry,
    retryAfterMs,
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
