import { z } from "zod";
import { PermanentError, RateLimitedError } from "../_core/errors";
import { HttpClient, type HttpClientOptions } from "../_core/http";
import type { ConnectionContext } from "../_core/connector";
import type { ShipBobConfig } from "./config";
import { allowanceOf, bearerToken, type ShipBobCredentials } from "./credentials";
import type { TokenPacers } from "./request-pacer";

// ShipBob's API as the connector reads it: `Authorization: Bearer <token>`, every request paced
// under the token's allowance (request-pacer.ts), a 429 waited out for its `x-retry-after` seconds,
// and its two paging styles followed exactly as ShipBob writes them: a page of a Page/Limit list
// names the next one in its `Next-Page` header, a cursor list in its body's `next`; both are paths
// (with their query) taken verbatim, never rebuilt.

/** A page of a list and where the next one is (a path with its query), null on the last page. */
export type ListPage<T> = { items: T[]; next: string | null };

export type ShipBobClientOptions = {
  pacers: TokenPacers;
  /** Whose allowance the requests count against (allowanceOf); default the token's own. */
  allowance?: string;
  /** For the one call of a connect: no retries. */
  maxAttempts?: number;
  /** Per attempt (tests of a request never answered); default the shared client's. */
  timeoutMs?: number;
  /** Told of every attempt (tests count the 429s ShipBob answered). */
  onRequest?: HttpClientOptions["onRequest"];
};

const cursorBody = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item), next: z.string().nullish() });

export class ShipBobClient {
  private readonly http: HttpClient;

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    options: ShipBobClientOptions,
  ) {
    const pacer = options.pacers.for(options.allowance ?? `token:${token}`);
    const { clock } = options.pacers.options;
    this.http = new HttpClient({
      retryAfterHeader: "x-retry-after",
      beforeAttempt: (signal) => pacer.acquire(signal),
      sleep: (ms, signal) => clock.sleep(ms, signal),
      now: () => clock.now(),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      onRequest(event) {
        // The other connections of the token wait too: ShipBob refuses them all until then.
        if (event.error instanceof RateLimitedError && event.error.retryAfterMs !== undefined) pacer.holdFor(event.error.retryAfterMs);
        options.onRequest?.(event);
      },
    });
  }

  /** GETs `path` (with its query) and checks the body against `schema`. */
  get<S extends z.ZodType>(path: string, schema: S): Promise<{ body: z.output<S>; headers: Headers }> {
    return this.send("GET", path, schema);
  }

  /** POSTs `body` as JSON; retried only when it certainly did not reach ShipBob (a write). */
  post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<{ body: z.output<S>; headers: Headers }> {
    return this.send("POST", path, schema, body);
  }

  /** DELETEs `path`; ShipBob answers 204 without a body. */
  async delete(path: string): Promise<void> {
    await this.http.discard(`${this.apiUrl}${path}`, { method: "DELETE", headers: { authorization: `Bearer ${this.token}` }, retry: "rejected-only" });
  }

  private async send<S extends z.ZodType>(method: "GET" | "POST", path: string, schema: S, requestBody?: unknown): Promise<{ body: z.output<S>; headers: Headers }> {
    const url = /^https?:\/\//.test(path) ? path : `${this.apiUrl}${path}`;
    const write = method === "POST" ? { method, body: requestBody, retry: "rejected-only" as const } : {};
    const { body, headers } = await this.http.json(url, { headers: { authorization: `Bearer ${this.token}` }, ...write });
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".") || "(body)").join(", ");
      throw new PermanentError(`ShipBob answered ${method} ${path.split("?")[0]} in an unexpected shape (${fields})`);
    }
    return { body: parsed.data, headers };
  }

  /** A page of a Page/Limit list (orders, receiving): a bare array, the next page in `Next-Page`. */
  async headerPage<S extends z.ZodType>(path: string, item: S): Promise<ListPage<z.output<S>>> {
    const { body, headers } = await this.get(path, z.array(item));
    return { items: body, next: headers.get("next-page") || null };
  }

  /** A page of a cursor list (products, inventory, channels, returns): `{ items, next }`. */
  async cursorPage<S extends z.ZodType>(path: string, item: S): Promise<ListPage<z.output<S>>> {
    const { body } = await this.get(path, cursorBody(item));
    return { items: body.items, next: body.next ?? null };
  }
}

/** A client for a stored connection: its current token, paced under its allowance. */
export async function connectionClient(ctx: ConnectionContext<ShipBobConfig, ShipBobCredentials>, options: Omit<ShipBobClientOptions, "allowance">): Promise<ShipBobClient> {
  const credentials = await ctx.credentials();
  return new ShipBobClient(ctx.config.apiUrl, bearerToken(credentials), { ...options, allowance: allowanceOf(credentials, ctx.externalAccountId) });
}
