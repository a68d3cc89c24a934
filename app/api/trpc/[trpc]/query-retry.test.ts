import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "./route";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { AppRouter } from "@/server/api/root";
import { db } from "@/server/db";

// The browser's query client against the real tRPC route over HTTP: how many requests a failed
// query makes. The server counts them; a "gateway" in front of it can answer 503 without asking
// the route, as a proxy does while the app restarts.

// TanStack Query never retries where `window` is undefined (a server render), so it is read as in
// the browser: the route above is loaded first, and the query client after the global is there.
vi.stubGlobal("window", globalThis);
const { QueryObserver } = await import("@tanstack/react-query");
const { makeQueryClient } = await import("@/components/trpc/query-client");

let server: Server;
let requests = 0;
let gatewayFailures = 0;
let cookie: string;
let slug: string;

beforeAll(async () => {
  const { workspace, owner } = await buildWorkspaceWithOwner("Retry");
  slug = workspace.slug;
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: owner.id, expires: new Date(Date.now() + 86_400_000) } });
  cookie = `authjs.session-token=${sessionToken}`;

  server = createServer(async (req, res) => {
    requests += 1;
    if (gatewayFailures > 0) {
      gatewayFailures -= 1;
      res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
      return;
    }
    const headers = new Headers(Object.entries(req.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
    const response = await GET(new Request(`http://localhost${req.url}`, { headers }));
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(withCookie = true) {
  const { port } = server.address() as AddressInfo;
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `http://127.0.0.1:${port}/api/trpc`, transformer: superjson, headers: () => (withCookie ? { cookie } : {}) })],
  });
}

/**
 * Runs one query as useQuery does (an observer on a fresh browser query client, with its default
 * retry policy) until it settles, and counts the requests it made.
 */
async function requestsFor(queryFn: () => Promise<unknown>): Promise<{ requests: number; outcome: "data" | "error" }> {
  requests = 0;
  const observer = new QueryObserver(makeQueryClient(), { queryKey: ["probe"], queryFn });
  const outcome = await new Promise<"data" | "error">((resolve) => {
    const unsubscribe = observer.subscribe((result) => {
      if (result.status === "pending") return;
      unsubscribe();
      resolve(result.status === "success" ? "data" : "error");
    });
  });
  return { requests, outcome };
}

describe("the browser's query client", () => {
  it("asks once when the server answers 400 (From after To)", async () => {
    const from = new Date(Date.UTC(2026, 1, 10));
    const to = new Date(Date.UTC(2026, 1, 1));
    expect(await requestsFor(() => client().order.list.query({ workspaceSlug: slug, from, to }))).toEqual({ requests: 1, outcome: "error" });
  });

  it("asks once when the server answers 401, 404 or 403", async () => {
    expect(await requestsFor(() => client(false).order.list.query({ workspaceSlug: slug }))).toEqual({ requests: 1, outcome: "error" });
    expect(await requestsFor(() => client().order.get.query({ workspaceSlug: slug, orderId: "no-such-order" }))).toEqual({ requests: 1, outcome: "error" });
    expect(await requestsFor(() => client().order.list.query({ workspaceSlug: "someone-elses" }))).toEqual({ requests: 1, outcome: "error" });
  });

  it("asks again after a 503 that did not come from the app, and gets the data", async () => {
    gatewayFailures = 1;
    expect(await requestsFor(() => client().order.list.query({ workspaceSlug: slug }))).toEqual({ requests: 2, outcome: "data" });
  });
});
