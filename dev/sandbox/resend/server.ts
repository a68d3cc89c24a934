// A local Resend: the part of its HTTP API the `resend` npm client uses to send mail
// (`POST /emails`, bearer API key, `Idempotency-Key`), answering as Resend documents it
// (https://resend.com/docs/api-reference/emails/send-email, .../errors, .../idempotency-keys),
// and keeping what it accepted so tests can read the mail a person would have received:
// `GET /_sandbox/emails?to=<address>` over HTTP, or `emails()` in-process. The app reaches it
// through RESEND_API_KEY and RESEND_BASE_URL, so the production mail path runs unchanged.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export type SandboxEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  tags: Array<{ name: string; value: string }>;
  idempotencyKey: string | null;
  createdAt: string;
};

export type ResendSandbox = {
  url: string;
  /** Accepted mail, newest first, optionally to one address (case-insensitive). */
  emails(filter?: { to?: string }): SandboxEmail[];
  stop(): Promise<void>;
};

// Resend's own limit on a request, attachments included.
const MAX_BODY_BYTES = 40 * 1024 * 1024;
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

const recipients = z.union([z.email(), z.array(z.email()).min(1).max(50)]);
const tag = z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/), value: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/) });
const sendBody = z.object({
  from: z.string().min(1),
  to: recipients,
  subject: z.string().min(1),
  html: z.string().nullish(),
  text: z.string().nullish(),
  tags: z.array(tag).nullish(),
});

class ResendError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ResendError(413, "validation_error", "Request body exceeds 40MB.");
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ResendError(400, "validation_error", "Request body is not valid JSON.");
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export async function startResendSandbox(options: { apiKey: string; port?: number; host?: string }): Promise<ResendSandbox> {
  const accepted: SandboxEmail[] = [];
  // Idempotency key → the request it answered and its response, replayed for the same payload.
  const idempotent = new Map<string, { payload: string; id: string; at: number }>();

  function authorize(req: IncomingMessage) {
    const header = req.headers.authorization;
    if (!header) throw new ResendError(401, "missing_api_key", "Missing API key in the authorization header.");
    if (header !== `Bearer ${options.apiKey}`) throw new ResendError(403, "invalid_api_key", "API key is invalid.");
  }

  async function sendEmail(req: IncomingMessage): Promise<{ id: string }> {
    authorize(req);
    const body = await readJson(req);
    const parsed = sendBody.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? "body");
      const missing = issue.code === "invalid_type" && (body as Record<string, unknown> | null)?.[field] === undefined;
      throw missing
        ? new ResendError(422, "missing_required_field", `Missing \`${field}\` field.`)
        : new ResendError(422, "validation_error", `Invalid \`${field}\` field: ${issue.message}.`);
    }
    const email = parsed.data;
    if (!email.html && !email.text) throw new ResendError(422, "missing_required_field", "Missing `html` or `text` field.");

    const key = req.headers["idempotency-key"] as string | undefined;
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      throw new ResendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    }
    const payload = JSON.stringify(email);
    const previous = key === undefined ? undefined : idempotent.get(key);
    if (previous && Date.now() - previous.at < IDEMPOTENCY_WINDOW_MS) {
      if (previous.payload !== payload) throw new ResendError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
      return { id: previous.id };
    }

    const id = randomUUID();
    accepted.unshift({
      id,
      from: email.from,
      to: typeof email.to === "string" ? [email.to] : email.to,
      subject: email.subject,
      html: email.html ?? null,
      text: email.text ?? null,
      tags: email.tags ?? [],
      idempotencyKey: key ?? null,
      createdAt: new Date().toISOString(),
    });
    if (key !== undefined) idempotent.set(key, { payload, id, at: Date.now() });
    return { id };
  }

  const emails = (filter: { to?: string } = {}) => {
    const to = filter.to?.toLowerCase();
    return accepted.filter((email) => !to || email.to.some((address) => address.toLowerCase() === to));
  };

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://resend.invalid");
    if (url.pathname === "/emails") {
      if (req.method !== "POST") throw new ResendError(405, "method_not_allowed", "Method is not allowed for the requested path.");
      return send(res, 200, await sendEmail(req));
    }
    if (url.pathname === "/_sandbox/emails" && req.method === "GET") {
      return send(res, 200, { data: emails({ to: url.searchParams.get("to") ?? undefined }) });
    }
    throw new ResendError(404, "not_found", "The requested endpoint does not exist.");
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof ResendError) return send(res, error.status, { statusCode: error.status, name: error.code, message: error.message });
      send(res, 500, { statusCode: 500, name: "internal_server_error", message: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    emails,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
