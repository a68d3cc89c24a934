// Test-only: "Ledgerly", a made-up invoicing API, as a provider sandbox on the kit. It is what a
// provider's sandbox should be: its generator, its routes and its config; the rest is the kit's.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiKeys, authenticate, bearerToken } from "../auth";
import type { Clock } from "../clock";
import { Collection, type CollectionChanges } from "../collection";
import { answerFault, FaultPlan, type FaultSpec, type FaultShapes } from "../faults";
import { sendAnswer, type HttpAnswer } from "../http";
import { centsToAmount } from "../money";
import { authorizeEndpoint, tokenEndpoint, type TokenEndpointConfig } from "../oauth";
import { TokenStore, type TokenState } from "../oauth-tokens";
import { linkHeader, pageLinks, pageOf, PageParamError, readPage } from "../pagination";
import { rngFor } from "../random";
import { FixedWindowLimiter } from "../rate-limits";
import { Router } from "../router";
import { startSandboxServer } from "../server";
import { standardWebhookHeaders } from "../signing";
import { SnapshotBuilder } from "../snapshot";
import { StateFile } from "../state-file";
import { delivered, exponentialSchedule, post, WebhookRetries, type Delivery } from "../webhooks";

// ---- config ------------------------------------------------------------------------------------
export const LEDGERLY = {
  client: { clientId: "ledgerly-app", clientSecret: "ledgerly-secret", redirectUris: ["http://app.test/callback"] },
  webhookSecret: `whsec_${Buffer.from("ledgerly webhook secret!").toString("base64")}`,
  requestsPerMinute: 5,
};
const SHAPES: FaultShapes = {
  tooManyRequests: (seconds) => ({ status: 429, headers: { "Retry-After": String(seconds) }, body: { error: "rate_limited" } }),
  serverError: (status) => ({ status, body: { error: "server_error" } }),
};

// ---- generator ---------------------------------------------------------------------------------
export interface Invoice {
  id: number;
  number: string;
  status: "draft" | "open" | "paid";
  total: string;
  createdAt: number;
  updatedAt: number;
}
/** Invoice `i` of the account generated from `seed`, its history ending at `epoch`: the same on every start. */
const generate = (seed: string, epoch: number, i: number): Invoice => {
  const rng = rngFor(seed, "invoice", i);
  const createdAt = epoch - rng.int(1, 365) * 86_400_000;
  return { id: 1000 + i, number: `INV-${1000 + i}`, status: rng.pick(["draft", "open", "paid"] as const), total: centsToAmount(rng.int(500, 90_000)), createdAt, updatedAt: createdAt };
};

// ---- routes ------------------------------------------------------------------------------------
export async function startLedgerly(options: { seed: string; invoices: number; epoch: number; clock: Clock; webhookUrl: string; stateFile?: string }) {
  const { clock } = options;
  const tokens = new TokenStore({ clock, rotation: "strict", lifetimes: { accessTokenSeconds: 3600, refreshTokenSeconds: 30 * 86_400, codeSeconds: 120 } });
  const apiKeys = new ApiKeys("lk_");
  const invoices = new Collection<Invoice, Invoice>({ count: options.invoices, firstId: 1000, generate: (i) => generate(options.seed, options.epoch, i), summarize: (r) => r });
  const limiter = new FixedWindowLimiter({ limit: LEDGERLY.requestsPerMinute, windowMs: 60_000, clock });
  const faults = new FaultPlan(["api", "token"] as const);
  const deliveries: Delivery[] = [];
  const retries = new WebhookRetries<Delivery>({ schedule: exponentialSchedule(3, 300), scale: 1, limits: { connectMs: 1000, totalMs: 2000 }, attempted: (d) => deliveries.push(d), exhausted: () => {}, changed: () => state?.schedule() });
  const oauth: TokenEndpointConfig = { client: (id) => (id === LEDGERLY.client.clientId ? LEDGERLY.client : undefined), clientAuth: ["basic"], tokens };

  /** Every API route: faults, then auth (OAuth token or API key), then the per-user limit. */
  const api = (handle: (url: URL) => HttpAnswer) => (req: IncomingMessage, res: ServerResponse, { url }: { url: URL }) => {
    const fault = faults.take("api", "");
    if (answerFault(res, fault, SHAPES)) return;
    const auth = authenticate(bearerToken(req), { tokens, apiKeys }, fault);
    if (!auth.ok) return { status: 401, body: { error: `token ${auth.reason}` } };
    const decision = limiter.take(auth.subject ?? "");
    if (!decision.allowed) return SHAPES.tooManyRequests(Math.ceil(decision.retryAfterMs / 1000));
    try {
      sendAnswer(res, handle(url), fault?.kind === "truncated");
    } catch (error) {
      if (!(error instanceof PageParamError)) throw error;
      return { status: 422, body: { error: error.message, field: error.param } };
    }
  };
  const routes = new Router()
    .on(["GET", "POST"], "/oauth/authorize", (req, _res, { url }) =>
      authorizeEndpoint(req, url, { ...oauth, provider: "Sandbox Ledgerly", appName: "Meridian", heading: "Connect Meridian", approveLabel: "Allow", parseScope: (s) => s.split(" "), tokens, approve: (r) => ({ scope: r.scope, subject: "org-1" }) }),
    )
    .on("POST", "/oauth/token", async (req, res, { url }) => {
      const fault = faults.take("token", "");
      if (answerFault(res, fault, SHAPES)) return;
      if (fault?.kind === "revoked") tokens.revokeAll();
      sendAnswer(res, await tokenEndpoint(req, url, oauth), fault?.kind === "truncated");
    })
    .on("GET", "/v1/invoices", api((url) => {
      const page = pageOf(invoices.summaries(), readPage(url, { page: "page", perPage: "per_page" }, { default: 25, max: 100 }));
      const links = pageLinks(url, page, "page");
      return { status: 200, headers: { Link: linkHeader({ next: links.next, last: links.last }) }, body: { invoices: page.items } };
    }));

  /** The merchant pays an invoice: the record changes, and `invoice.paid` is delivered (retried until taken). */
  async function pay(id: number): Promise<Delivery> {
    const invoice = invoices.put({ ...invoices.get(id)!, status: "paid", updatedAt: clock.now() });
    const body = JSON.stringify({ type: "invoice.paid", data: invoice });
    const headers = { "Content-Type": "application/json", ...standardWebhookHeaders({ id: `msg_${randomUUID()}`, timestampSeconds: Math.floor(clock.now() / 1000), body, secret: LEDGERLY.webhookSecret }) };
    const delivery = await post({ url: options.webhookUrl, headers, body, status: null, attempt: 0 }, { connectMs: 1000, totalMs: 2000 });
    deliveries.push(delivery);
    if (!delivered(delivery)) retries.add(delivery);
    return delivery;
  }

  type Kept = { tokens: TokenState; invoices: CollectionChanges<Invoice> };
  const state = options.stateFile
    ? new StateFile<Kept>(
        options.stateFile,
        {
          exportState: () => ({ tokens: tokens.exportState(), invoices: invoices.exportChanges() }),
          importState: (saved) => {
            tokens.importState(saved.tokens);
            invoices.importChanges(saved.invoices);
          },
          version: () => `${tokens.revision}:${invoices.version}`,
        },
        { name: "ledgerly", format: 1 },
      )
    : undefined;
  state?.load();
  const server = await startSandboxServer({
    routes,
    controls: { pay: (body) => pay(Number(body.id)), injectFault: (body) => faults.add(body as unknown as FaultSpec<"api" | "token">) },
    afterRequest: () => state?.schedule(),
  });
  return {
    url: server.url,
    tokens,
    apiKeys,
    faults,
    deliveries,
    retries,
    pay,
    /** Counts and checksums of what a synced database must hold. */
    snapshot(project: (invoice: Invoice) => unknown = (i) => i) {
      const builder = new SnapshotBuilder();
      for (const invoice of invoices.records()) builder.add("invoices", project(invoice));
      return builder.result();
    },
    async stop() {
      await server.stop();
      await retries.stop();
      state?.flush();
    },
  };
}
