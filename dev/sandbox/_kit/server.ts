import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BadRequestBody, readBody, sendAnswer, sendJson, type HttpAnswer } from "./http";
import type { Router } from "./router";

/** A test control: `POST ${url}/_sandbox/<name>` with a JSON body; what it returns is answered as JSON. */
export type Control = (body: Record<string, unknown>) => unknown;

export interface SandboxServerOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Interface to listen on. Default: all (so both `localhost` resolutions work). */
  host?: string;
  routes: Router;
  /** The test controls, by name: the dev UI and browser tests drive the sandbox through them. */
  controls?: Record<string, Control>;
  /** Answers `GET /` (what the sandbox is). */
  describe?: () => unknown;
  /** The provider's answer when no route matches. Default `404 {"error":"Not Found"}`. */
  notFound?: () => HttpAnswer;
  /** The provider's answer to a body the route could not read. Default `400 {"error": <message>}`. */
  badRequest?: (message: string) => HttpAnswer;
  /** The provider's answer when a handler throws (a sandbox bug). Default `500 {"error": "Sandbox error: …"}`. */
  serverError?: (message: string) => HttpAnswer;
  /** Called after every request (the state file writes soon after a change). */
  afterRequest?: () => void;
}

export interface SandboxServer {
  /** `http://localhost:<port>` */
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/**
 * The HTTP server every sandbox runs on: routes, test controls under `/_sandbox/`, and errors.
 * A bug in a handler answers 500 naming it, so a connector test fails on the sandbox's fault
 * instead of hanging.
 */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const notFound = options.notFound ?? (() => ({ status: 404, body: { error: "Not Found" } }));
  const badRequest = options.badRequest ?? ((message: string) => ({ status: 400, body: { error: message } }));
  const serverError = options.serverError ?? ((message: string) => ({ status: 500, body: { error: message } }));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The address the client used: paging links and redirects built from it lead back here.
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    if (url.pathname === "/" && req.method === "GET" && options.describe) return sendJson(res, 200, options.describe());
    if (url.pathname.startsWith("/_sandbox/")) return control(req, res, url.pathname.slice("/_sandbox/".length));
    // Browsers ask every origin for one while a consent page is open; a 404 is console noise.
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const route = options.routes.match(req.method ?? "GET", url.pathname);
    if (!route) {
      await readBody(req).catch(() => "");
      return sendAnswer(res, notFound());
    }
    try {
      const answer = await route.handler(req, res, { url, params: route.params });
      if (answer) sendAnswer(res, answer);
    } catch (error) {
      if (!(error instanceof BadRequestBody) || res.headersSent) throw error;
      sendAnswer(res, badRequest(error.message));
    }
  }

  async function control(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const controls = options.controls ?? {};
    const fn = Object.hasOwn(controls, name) ? controls[name] : undefined;
    if (!fn) return sendJson(res, 404, { error: `Unknown control ${name}. Known: ${Object.keys(controls).join(", ")}` });
    try {
      const raw = req.method === "POST" ? await readBody(req) : "";
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      return sendJson(res, 200, (await fn(body)) ?? null);
    } catch (error) {
      return sendJson(res, 400, { error: (error as Error).message });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) sendAnswer(res, serverError(`Sandbox error: ${(error as Error).message}`));
        else res.destroy();
      })
      .finally(() => options.afterRequest?.());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    server,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
