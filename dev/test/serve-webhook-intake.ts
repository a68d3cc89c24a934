// What POST /api/webhooks/shopify runs, behind node:http, for tests and the benchmark (nothing
// may import from app/, and Next's `after()` needs Next's request scope): the reply is written,
// then its after-response work runs, as Next does with the callback the route gives `after()`.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookReply } from "@/server/services/shopify/receive-webhook";

export type WebhookIntake = {
  url: string;
  /** Resolves once the after-response work of every delivery answered so far has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  return new Request(`http://app.test${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
}

export async function serveWebhookIntake(receive: (request: Request) => Promise<WebhookReply>, port = 0): Promise<WebhookIntake> {
  const pending = new Set<Promise<void>>();
  const server: Server = createServer((req, res) => {
    void toRequest(req)
      .then(receive)
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
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/shopify`,
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
