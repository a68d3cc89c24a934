import { AllowanceExhaustedError, AuthExpiredError, ConnectorError, PermanentError, RateLimitedError } from "../_core/errors";
import { HttpClient, type HttpClientOptions } from "../_core/http";
import { isServiceDisabled, PropertyAccessDeniedError } from "./errors";
import { googleMessage, refineQuotaError } from "./quota";
import { runReportResponse, type RunReportResponse } from "./report";

// GA4's Data API as the sync reads it: `POST {dataApiUrl}/v1beta/properties/{id}:runReport` with
// `Authorization: Bearer <token>` (a service account's or a person's: the connection's
// credentials answer an access token either way). 5xx, timeouts and truncated bodies are retried
// by the shared client; a 429 for spent hourly or daily tokens ends the batch until the window
// resets (quota.ts), and one that outlasts the retries ends it for as long as Google asked; a 401
// is retried once with a refreshed token; a 403 means the account is not (or no longer) a user of
// the property, said as the connect says it (errors.ts); an answer that is not a RunReportResponse fails the read, naming what is wrong.

export type Ga4DataClientOptions = {
  dataApiUrl: string;
  /** The property's id (the digits of `properties/<id>`), and its name when known (for messages). */
  propertyId: string;
  propertyName?: string;
  /** The service account's email, or null for a Google account that signed in (for the 403's message). */
  who: string | null;
  /** The current access token; `refused`: Google refused that one (401), so a refreshed one is wanted. */
  token: (refused?: string) => Promise<string>;
  /** Epoch ms after which no retry waits: a batch's deadline. */
  deadline: number;
  now?: () => number;
  timeoutMs?: number;
  sleep?: HttpClientOptions["sleep"];
  onRequest?: HttpClientOptions["onRequest"];
};

/** How long a 429 that outlasted the retries pauses the batch when Google did not say. */
const RATE_LIMITED_PAUSE_MS = 60_000;

export class Ga4DataClient {
  private readonly http: HttpClient;
  private readonly now: () => number;

  constructor(private readonly options: Ga4DataClientOptions) {
    this.now = options.now ?? Date.now;
    this.http = new HttpClient({
      now: this.now,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      maxRetryAfterMs: Math.max(0, options.deadline - this.now()),
      refineError: (error) => refineQuotaError(error, this.now()),
      onRequest: options.onRequest,
    });
  }

  /** One runReport over the property; `signal` abandons it (a read stopped early). */
  async runReport(request: Record<string, unknown>, signal?: AbortSignal): Promise<RunReportResponse> {
    const url = `${this.options.dataApiUrl}/v1beta/properties/${encodeURIComponent(this.options.propertyId)}:runReport`;
    const send = (token: string) => this.http.json(url, { method: "POST", body: request, headers: { authorization: `Bearer ${token}` }, signal });
    const token = await this.options.token();
    let body: unknown;
    try {
      body = (await this.described(() => send(token))).body;
    } catch (error) {
      if (!(error instanceof AuthExpiredError) || error.status !== 401) throw error;
      body = (await this.described(async () => send(await this.options.token(token)))).body;
    }
    const parsed = runReportResponse.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".") || "(body)").join(", ");
      throw new PermanentError(`GA4 answered runReport of properties/${this.options.propertyId} in an unexpected shape (${fields})`);
    }
    return parsed.data;
  }

  /** The typed errors, in Google's words. */
  private async described<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      const property = `properties/${this.options.propertyId}`;
      const said = googleMessage(error.responseBody) ?? error.message;
      const options = { status: error.status, cause: error, responseBody: error.responseBody };
      if (error instanceof RateLimitedError) {
        throw new AllowanceExhaustedError(`GA4 kept refusing runReport of ${property} as too many requests: ${said}`, this.now() + (error.retryAfterMs ?? RATE_LIMITED_PAUSE_MS));
      }
      if (error.status === 401) throw new AuthExpiredError(`GA4 refused the access token for ${property}: ${said}`, options);
      if (error.status === 403 && isServiceDisabled(error.responseBody)) throw new PermanentError(`Google refused runReport of ${property}: the Google Analytics Data API is not enabled for the credentials' Cloud project (${said})`, options);
      if (error.status === 403) throw new PropertyAccessDeniedError(this.options.who, this.options.propertyName ?? property, options);
      if (error.status !== undefined && error.status >= 400 && error.status < 500) throw new PermanentError(`GA4 refused runReport of ${property} (${error.status}): ${said}`, options);
      throw error;
    }
  }
}
