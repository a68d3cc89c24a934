// The runner's HTTP face: the Inngest APIs the SDK calls (Event API, register, async
// checkpoints), the REST reads the app makes (`/v1/runs/:id`, `/v1/events/:id/runs`), and a
// small read/control API for tests, the bench and people (`/v0/...`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z, ZodError } from "zod";
import { restRun } from "./rest-api";
import type { InngestRunner, RunStatus } from "./runner";
import { hashSigningKey } from "./signature";

const MAX_BODY_BYTES = 10 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Body is not valid JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const runStatus = z.enum(["QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]);
const tickBody = z.object({ at: z.iso.datetime().optional() }).optional();
const syncBody = z.object({ url: z.url().optional() }).optional();

/** SDK→server calls carry the signing key's hash as bearer (what register and checkpoints send). */
function signedBySdk(runner: InngestRunner, req: IncomingMessage): boolean {
  return req.headers.authorization === `Bearer ${hashSigningKey(runner.signingKey)}`;
}

/** The REST API takes the signing key's hash (what the SDK's API client sends) or, as the docs' curl examples, the key. */
function authorizedForRestApi(runner: InngestRunner, req: IncomingMessage): boolean {
  return signedBySdk(runner, req) || req.headers.authorization === `Bearer ${runner.signingKey}`;
}

async function route(runner: InngestRunner, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://runner");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const method = req.method ?? "GET";

  const eventMatch = /^\/e\/([^/]+)$/.exec(path);
  if (eventMatch && method === "POST") {
    if (decodeURIComponent(eventMatch[1]!) !== runner.eventKey) return send(res, 401, { error: "Event key not found", status: 401 });
    const ids = runner.sendEvents((await readJson(req)) as never);
    return send(res, 200, { ids, status: 200 });
  }
  if (path === "/fn/register" && method === "POST") {
    if (!signedBySdk(runner, req)) return send(res, 401, { status: 401, error: "Invalid signing key", modified: false });
    runner.register(await readJson(req));
    return send(res, 200, { status: 200, ok: true, modified: true });
  }
  const checkpointMatch = /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(path);
  if (checkpointMatch && method === "POST") {
    if (!signedBySdk(runner, req)) return send(res, 401, { status: 401, error: "Invalid signing key" });
    const result = runner.checkpointAsync(decodeURIComponent(checkpointMatch[1]!), await readJson(req));
    return send(res, result.status, result.error ? { status: result.status, error: result.error } : {});
  }
  const restRunMatch = /^\/v1\/runs\/([^/]+)$/.exec(path);
  const restEventRunsMatch = /^\/v1\/events\/([^/]+)\/runs$/.exec(path);
  if ((restRunMatch || restEventRunsMatch) && method === "GET") {
    if (!authorizedForRestApi(runner, req)) return send(res, 401, { error: "Unauthorized", status: 401 });
    if (restRunMatch) {
      const run = runner.getRun(decodeURIComponent(restRunMatch[1]!));
      return run ? send(res, 200, { data: restRun(run) }) : send(res, 404, { error: "Run not found", status: 404 });
    }
    const runs = runner.eventRuns(decodeURIComponent(restEventRunsMatch![1]!));
    return runs ? send(res, 200, { data: runs.map(restRun) }) : send(res, 404, { error: "Event not found", status: 404 });
  }
  if (path === "/health" && method === "GET") return send(res, 200, { status: "ok" });
  if (path === "/v0/functions" && method === "GET") return send(res, 200, { functions: runner.listFunctions() });
  if (path === "/v0/events" && method === "GET") return send(res, 200, { events: runner.listEvents({ name: url.searchParams.get("name") ?? undefined }) });
  if (path === "/v0/runs" && method === "GET") {
    const status = url.searchParams.get("status");
    const runs = runner.listRuns({
      functionId: url.searchParams.get("functionId") ?? undefined,
      eventName: url.searchParams.get("event") ?? undefined,
      status: status ? (runStatus.parse(status) as RunStatus) : undefined,
    });
    return send(res, 200, { runs });
  }
  const runMatch = /^\/v0\/runs\/([^/]+)(\/wait)?$/.exec(path);
  if (runMatch && method === "GET") {
    const id = runMatch[1]!;
    if (!runner.getRun(id)) return send(res, 404, { error: `No run ${id}` });
    if (!runMatch[2]) return send(res, 200, { run: runner.getRun(id) });
    const timeoutMs = z.coerce.number().int().positive().max(600_000).default(30_000).parse(url.searchParams.get("timeoutMs") ?? undefined);
    const run = await runner.waitForRun(id, timeoutMs).catch(() => undefined);
    return run ? send(res, 200, { run }) : send(res, 408, { error: `Run ${id} did not finish within ${timeoutMs} ms`, run: runner.getRun(id) });
  }
  if (path === "/v0/cron/tick" && method === "POST") {
    const body = tickBody.parse(await readJson(req));
    const runs = runner.tickCron(body?.at ? new Date(body.at) : new Date());
    return send(res, 200, { runs: runs.map((r) => r.id) });
  }
  if (path === "/v0/sync" && method === "POST") {
    const body = syncBody.parse(await readJson(req));
    await runner.syncApp(body?.url);
    return send(res, 200, { functions: runner.listFunctions().map((f) => f.id) });
  }
  return send(res, 404, { error: `No route ${method} ${path}` });
}

export type RunnerServer = { server: Server; url: string; close(): Promise<void> };

export async function listen(runner: InngestRunner, port: number, host = "127.0.0.1"): Promise<RunnerServer> {
  const server = createServer((req, res) => {
    route(runner, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message, status: error.status });
      if (error instanceof ZodError) return send(res, 400, { error: z.prettifyError(error), status: 400 });
      send(res, 500, { error: error instanceof Error ? error.message : String(error), status: 500 });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
