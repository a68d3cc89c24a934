import type { Inngest } from "inngest";
import { z } from "zod";
import { inngest } from "@/inngest/client";
import { hashSigningKey } from "@/inngest/signing-key";
import type { JobRunnerLookup, RunnerRun } from "@/server/services/jobs/job-runner";

// The job-runner port over Inngest's REST API (https://api-docs.inngest.com, "Fetch run status
// and output" in the docs): GET /v1/runs/{runId} and GET /v1/events/{eventId}/runs, both
// answering `{ data }` with runs carrying run_id, status ("Running", "Completed", "Failed",
// "Cancelled"), run_started_at, ended_at, function_id and event_id. The event id is the internal
// one `inngest.send()` answers with, not the id an event is sent with. The local runner
// (dev/inngest/http.ts) serves the same two endpoints.
//
// Requests go where, and are signed how, the SDK's own API client sends them (inngest/api/api.js):
// the client's API base URL (INNGEST_BASE_URL, the Dev Server in dev mode, else Inngest Cloud),
// `Authorization: Bearer <hashed signing key>` with one retry under the fallback key on 401/403,
// and the branch environment in `x-inngest-env`.

export type RunStatusApiConfig = {
  baseUrl: string;
  signingKey?: string;
  signingKeyFallback?: string;
  environment?: string | null;
  /** Per request; the callers ask while a person waits ("Sync now"). Default 5 s. */
  timeoutMs?: number;
};

const restRun = z.object({
  run_id: z.string().min(1),
  status: z.string(),
  ended_at: z.string().nullish(),
});
const runAnswer = z.object({ data: restRun });
const eventRunsAnswer = z.object({ data: z.array(restRun).nullable() });

const ENDED = new Map<string, RunnerRun["state"]>([
  ["completed", "completed"],
  ["failed", "failed"],
  ["cancelled", "cancelled"],
]);

function toRunnerRun(run: z.infer<typeof restRun>): RunnerRun {
  // Anything but an end state (Running, and a Queued or Paused the API may add) is still alive.
  const state = ENDED.get(run.status.toLowerCase()) ?? "running";
  return { runId: run.run_id, state, endedAt: state !== "running" && run.ended_at ? new Date(run.ended_at) : null };
}

/** What the SDK's API client of `client` would use, read from the client as it is configured now. */
export function runStatusApiConfig(client: Inngest.Any = inngest): RunStatusApiConfig {
  return { baseUrl: client.apiBaseUrl, signingKey: client.signingKey, signingKeyFallback: client.signingKeyFallback, environment: client.env };
}

export function inngestRunStatus(config: RunStatusApiConfig = runStatusApiConfig()): JobRunnerLookup {
  const headers = (signingKey: string | undefined): Record<string, string> => ({
    accept: "application/json",
    ...(signingKey ? { authorization: `Bearer ${hashSigningKey(signingKey)}` } : {}),
    ...(config.environment ? { "x-inngest-env": config.environment } : {}),
  });

  /** The parsed answer, or null on 404 (the runner does not know the id); throws otherwise. */
  async function get<T>(path: string, answer: z.ZodType<T>): Promise<T | null> {
    const url = new URL(path, config.baseUrl);
    const request = (key: string | undefined) => fetch(url, { headers: headers(key), signal: AbortSignal.timeout(config.timeoutMs ?? 5_000) });
    let response = await request(config.signingKey);
    if ((response.status === 401 || response.status === 403) && config.signingKeyFallback) response = await request(config.signingKeyFallback);
    if (response.status === 404) return null;
    const text = await response.text();
    if (!response.ok) throw new Error(`Inngest answered ${response.status} to GET ${url.pathname}: ${text.slice(0, 200)}`);
    const parsed = answer.safeParse(parseJson(text));
    if (!parsed.success) throw new Error(`Inngest answered GET ${url.pathname} with an unexpected body: ${text.slice(0, 200)}`);
    return parsed.data;
  }

  return {
    async run(runId) {
      const answer = await get(`/v1/runs/${encodeURIComponent(runId)}`, runAnswer);
      return answer && toRunnerRun(answer.data);
    },
    async eventRuns(eventId) {
      const answer = await get(`/v1/events/${encodeURIComponent(eventId)}/runs`, eventRunsAnswer);
      return answer && (answer.data ?? []).map(toRunnerRun);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
