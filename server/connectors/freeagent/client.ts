import { z } from "zod";
import { AllowanceExhaustedError, AuthExpiredError, ConnectorError, PermanentError, RateLimitedError } from "../_core/errors";
import { HttpClient, type HttpClientOptions } from "../_core/http";
import { parseJsonLosslessly } from "../_core/lossless-json";
import { takeRoom, windowRefused, type AllowancePacing } from "./allowance-pacing";
import { errorBody } from "./payloads";

// FreeAgent's API as the connector reads and writes it: `Authorization: Bearer <token>`, every
// attempt drawn from the authorising user's allowance first (allowance-pacing.ts), bodies read
// losslessly, lists paged with `page`/`per_page` and the next page taken verbatim from the RFC
// 5988 `Link` header's rel="next" (never built). A 429 means another client of the same user
// spent a window: it is marked full in the shared allowance, and the request waits for its reset
// (Retry-After) when that is before the deadline, else the batch ends with AllowanceExhaustedError.
// 5xx, timeouts and truncated bodies are retried (TransientError); a 403 (the user's access level
// does not reach the resource) and other 4xx fail with FreeAgent's own message.

/** FreeAgent's largest page. */
export const MAX_PER_PAGE = 100;

export type FreeAgentClientOptions = {
  apiUrl: string;
  /**
   * The current access token, asked before each request (the kit refreshes it when it nears its
   * end); `refused`: FreeAgent refused that one (401), so a refreshed one is wanted.
   */
  token: (refused?: string) => Promise<string>;
  pacing: AllowancePacing;
  /** Per attempt; default the shared client's. */
  timeoutMs?: number;
  /** Told of every attempt (tests count statuses). */
  onRequest?: HttpClientOptions["onRequest"];
};

/**
 * A page of a list: the next page's URL as FreeAgent wrote it (null on the last), and where the
 * page stands among the list's pages (`last` from the Link header's rel="last", when it has one).
 */
export type ListPage<T> = { items: T[]; next: string | null; pageNumber: number; lastPage: number | null };

/** The URL of each rel of an RFC 5988 Link header. */
function links(header: string | null): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of header?.split(/,(?=\s*<)/) ?? []) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    const rels = match && /(?:^|;)\s*rel="?([^";]*)"?/.exec(match[2]!)?.[1];
    for (const rel of rels?.split(/\s+/) ?? []) if (!found.has(rel)) found.set(rel, match![1]!);
  }
  return found;
}

/** The rel="next" URL of an RFC 5988 Link header. */
export function nextLink(header: string | null): string | null {
  return links(header).get("next") ?? null;
}

const pageNumberOf = (url: string) => Number(new URL(url, "http://page.invalid").searchParams.get("page") ?? 1) || 1;

/** FreeAgent's own words from an error body, or the start of the body. */
function freeAgentMessage(body: string | undefined): string {
  let json: unknown;
  try {
    json = JSON.parse(body ?? "");
  } catch {
    return (body ?? "").slice(0, 200);
  }
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return (body ?? "").slice(0, 200);
  const { errors } = parsed.data;
  return Array.isArray(errors) ? errors.map((e) => e.message).join("; ") : errors.error.message;
}

export class FreeAgentClient {
  private readonly http: HttpClient;
  /** A 429's marking of the shared allowance, awaited before the next attempt takes a room. */
  private exhausting: Promise<void> | undefined;

  constructor(private readonly options: FreeAgentClientOptions) {
    const { pacing } = options;
    const now = pacing.now ?? Date.now;
    this.http = new HttpClient({
      parseJson: parseJsonLosslessly,
      now,
      ...(pacing.sleep ? { sleep: pacing.sleep } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      // A Retry-After past the deadline is not waited out here: it becomes AllowanceExhaustedError.
      maxRetryAfterMs: Math.max(0, pacing.deadline - now()),
      beforeAttempt: async (signal) => {
        await this.exhausting;
        await takeRoom(pacing, signal);
      },
      onRequest: (event) => {
        if (event.error instanceof RateLimitedError) {
          this.exhausting = pacing.allowance.exhaust(pacing.key, windowRefused(event.error, pacing.windows));
          // Awaited before the next attempt or by the caller; never an unhandled rejection meanwhile.
          this.exhausting.catch(() => undefined);
        }
        options.onRequest?.(event);
      },
    });
  }

  /** GETs `path` (under the API base, or an absolute URL FreeAgent gave) and checks the body against `schema`. */
  async get<S extends z.ZodType>(path: string, schema: S): Promise<{ body: z.output<S>; headers: Headers }> {
    return this.send("GET", path, schema);
  }

  /** A page of a list whose items are under `key`, and the next page's URL from `Link`. */
  async page<S extends z.ZodType>(path: string, key: string, item: S): Promise<ListPage<z.output<S>>> {
    const { body, headers } = await this.send("GET", path, z.looseObject({ [key]: z.array(item) }));
    const rels = links(headers.get("link"));
    const last = rels.get("last");
    return { items: (body as Record<string, z.output<S>[]>)[key]!, next: rels.get("next") ?? null, pageNumber: pageNumberOf(path), lastPage: last ? pageNumberOf(last) : null };
  }

  /** POSTs `body` as JSON: retried only when it certainly did not reach FreeAgent (it creates). */
  async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return (await this.send("POST", path, schema, body)).body;
  }

  /** DELETEs `path`; false when FreeAgent has no such object (404). */
  async delete(path: string): Promise<boolean> {
    try {
      await this.authorized((token) => this.http.discard(this.url(path), { method: "DELETE", headers: this.headers(token), retry: "rejected-only" }), "DELETE", path);
      return true;
    } catch (error) {
      if (error instanceof PermanentError && error.status === 404) return false;
      throw error;
    }
  }

  private url(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.options.apiUrl}${path}`;
  }

  private headers(token: string): Record<string, string> {
    return { authorization: `Bearer ${token}` };
  }

  /**
   * `request` with the current access token; when FreeAgent refuses it (401: expired before its
   * time, or revoked), once more with a refreshed one. A second refusal is AuthExpiredError, as a
   * refused refresh is.
   */
  private async authorized<T>(request: (token: string) => Promise<T>, method: string, path: string): Promise<T> {
    const token = await this.options.token();
    try {
      return await this.call(() => request(token), method, path);
    } catch (error) {
      if (!(error instanceof AuthExpiredError)) throw error;
      const renewed = await this.options.token(token);
      return this.call(() => request(renewed), method, path);
    }
  }

  private async send<S extends z.ZodType>(method: "GET" | "POST", path: string, schema: S, requestBody?: unknown): Promise<{ body: z.output<S>; headers: Headers }> {
    const write = method === "POST" ? { method, body: requestBody, retry: "rejected-only" as const } : {};
    const { body, headers } = await this.authorized((token) => this.http.json(this.url(path), { headers: this.headers(token), ...write }), method, path);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".") || "(body)").join(", ");
      throw new PermanentError(`FreeAgent answered ${method} ${pathOf(path)} in an unexpected shape (${fields})`);
    }
    return { body: parsed.data, headers };
  }

  /** The typed errors, in FreeAgent's words. */
  private async call<T>(request: () => Promise<T>, method: string, path: string): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof ConnectorError) || error instanceof AllowanceExhaustedError) throw error;
      const what = `FreeAgent ${method} ${pathOf(path)}`;
      const { status } = error;
      if (error instanceof RateLimitedError) {
        await this.exhausting;
        const now = (this.options.pacing.now ?? Date.now)();
        throw new AllowanceExhaustedError(`${what}: ${freeAgentMessage(error.responseBody)}`, now + (error.retryAfterMs ?? 60_000));
      }
      if (status === 401) throw new AuthExpiredError(`${what}: FreeAgent refused the access token (${freeAgentMessage(error.responseBody)})`, { status, cause: error });
      if (status !== undefined && status >= 400 && status < 500) {
        throw new PermanentError(`${what} was refused (${status}): ${freeAgentMessage(error.responseBody)}`, { status, cause: error, responseBody: error.responseBody });
      }
      throw error;
    }
  }
}

/** A path without its query, for messages (queries may hold dates, never secrets, but are long). */
function pathOf(path: string): string {
  return path.replace(/^https?:\/\/[^/]+/, "").split("?")[0]!;
}
