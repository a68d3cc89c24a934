// What POST /api/webhooks/[provider] runs, behind node:http, for tests and the benchmark (nothing
// may import from app/, and Next's `after()` needs Next's request scope): the reply is written,
// then its after-response work runs, as Next does with the callback the route gives `after()`.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookReply } from "@/server/services/webhooks/receive-webhook";

export type WebhookIntake = {
  /** The base of the webhook URLs: a provider's deliveries go to `${url}/<provider slug>`. */
  url: string;
  /** Resolves once the after-response work of every delivery answered so far has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

const ROUTE = /^\/api\/webhooks\/([^/?]+)/;

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  return new Request(`http://app.test${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
}

/** `receive` gets each request with the provider slug of its path (the route's `[provider]`). */
export async function serveWebhookIntake(receive: (request: Request, providerSlug: string) => Promise<WebhookReply>, port = 0): Promise<WebhookIntake> {
  const pending = new Set<Promise<void>>();
  const server: Server = createServer((req, res) => {
    const slug = ROUTE.exec(req.url ?? "")?.[1];
    if (!slug) return void res.writeHead(404).end();
    void toRequest(req)
      .then((request) => receive(request, decodeURIComponent(slug)))
      .then(({ status, body, afterResponse }) => {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (!afterResponse) return;
        const work = afterResponse().finally(() => pending.delete(work));
        pending.add(work);
      })
      .catch((error: unknown) => {
        console.error("webhook intake:", error);
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks`,
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type WebhookRoute = (request: Request, context: { params: Promise<{ provider: string }> }) => Promise<Response>;

/**
 * The route handler itself (app/api/webhooks/[provider]/route.ts's POST, which a test imports)
 * behind node:http. The test mocks next/server's `after()` to push its callbacks onto
 * `afterCallbacks`; they run once the reply is written, as Next runs them.
 */
export function serveWebhookRoute(post: WebhookRoute, afterCallbacks: Array<() => Promise<void>>, port = 0): Promise<WebhookIntake> {
  return serveWebhookIntake(async (request, provider) => {
    const response = await post(request, { params: Promise.resolve({ provider }) });
    const work = afterCallbacks.splice(0);
    return {
      status: response.status,
      body: (await response.json()) as WebhookReply["body"],
      afterResponse: async () => {
        for (const callback of work) await callback();
      },
    };
  }, port);
}
