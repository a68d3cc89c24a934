import type { IncomingMessage, ServerResponse } from "node:http";
import type { ActiveFault } from "./faults";

export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error("Request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON or form bodies (the token endpoint takes both), merged over the query string. */
export async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  const raw = await readBody(req);
  if (!raw) return params;
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    for (const [key, value] of Object.entries(parsed)) if (value !== undefined && value !== null) params[key] = String(value);
  } else {
    for (const [key, value] of new URLSearchParams(raw)) params[key] = value;
  }
  return params;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, "Content-Length": 0 });
  res.end();
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Sends the full headers (Content-Length of the whole body) and only half of it, then cuts the connection. */
export function sendTruncated(res: ServerResponse, status: number, body: string, contentType = "application/json; charset=utf-8"): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}

/**
 * Answers with an injected fault when it does not need the real response: 429, 5xx and timeout
 * (never answered). Returns false for faults the caller applies itself (truncated, throttled).
 */
export function answerFault(res: ServerResponse, fault: ActiveFault): boolean {
  switch (fault.kind) {
    case "429":
      sendJson(res, 429, { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, { "Retry-After": fault.retryAfterSeconds.toFixed(1) });
      return true;
    case "5xx":
      sendJson(res, fault.status, { errors: fault.status === 503 ? "Service Unavailable" : "Internal Server Error" });
      return true;
    case "timeout":
      return true;
    default:
      return false;
  }
}
