import type { IncomingMessage, ServerResponse } from "node:http";

/** A whole HTTP answer as data: what route handlers and provider "shape" functions return. */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless it is a string (then sent as is, with the given or a text content type). */
  body?: unknown;
}

/** The request body was not what the endpoint reads: the route answers 400 in its provider's shape. */
export class BadRequestBody extends Error {}

export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BadRequestBody("Request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The JSON body, or undefined when there is none; BadRequestBody when it is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadRequestBody("The request body is not valid JSON");
  }
}

/** JSON or form bodies (token endpoints take both), merged over the query string. */
export async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  const raw = await readBody(req);
  if (!raw) return params;
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new BadRequestBody("The request body is not valid JSON");
    }
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

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Sends the full headers (Content-Length of the whole body) and only half of it, then cuts the connection. */
export function sendTruncated(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers, "Content-Length": bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}

function encode(answer: HttpAnswer): { text: string; headers: Record<string, string> } {
  if (answer.body === undefined) return { text: "", headers: answer.headers ?? {} };
  if (typeof answer.body === "string") return { text: answer.body, headers: { "Content-Type": "text/plain; charset=utf-8", ...answer.headers } };
  return { text: JSON.stringify(answer.body), headers: { "Content-Type": "application/json; charset=utf-8", ...answer.headers } };
}

/** Sends an answer; `truncated` sends half of it and cuts the connection (fault injection). */
export function sendAnswer(res: ServerResponse, answer: HttpAnswer, truncated = false): void {
  const { text, headers } = encode(answer);
  if (truncated) return sendTruncated(res, answer.status, text, headers);
  res.writeHead(answer.status, { ...headers, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
