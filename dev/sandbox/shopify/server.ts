import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { authenticate, headerToken } from "../_kit/auth";
import { systemClock, type Clock } from "../_kit/clock";
import { answerFault, FaultPlan, type ActiveFault } from "../_kit/faults";
import { BadRequestBody, readJson, sendAnswer, type HttpAnswer } from "../_kit/http";
import { Router } from "../_kit/router";
import { startSandboxServer, type Control } from "../_kit/server";
import { StateFile } from "../_kit/state-file";
import { runAdminGraphql, requestedCostOf, throttledResponse, type GraphqlRequestBody } from "./admin-graphql";
import { CONTROLS } from "./controls";
import { FAULT_POINTS, SHOPIFY_FAULT_SHAPES, type FaultPoint, type FaultSpec, type ShopifyFaultKind } from "./faults";
import { signQuery } from "./hmac";
import { accessToken, authorize, hostParam } from "./oauth";
import { ADMIN_API_VERSION } from "./schema";
import { BEFORE_ADDRESSES } from "./generate-address";
import { BEFORE_ATTRIBUTION } from "./generate-attribution";
import { SandboxShop, type AppCredentials, type ShopOptions, type ShopState } from "./shop";

export interface ShopifySandboxOptions extends AppCredentials {
  shops: ShopOptions[];
  /** Default 0 (any free port). */
  port?: number;
  /** Interface to listen on. Default: all (so both `localhost` resolutions work). */
  host?: string;
  /** Shown on the consent page. Default "Meridian". */
  appName?: string;
  /** Access token lifetime in seconds. Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Refresh token lifetime in seconds. Default 90 days. */
  refreshTokenLifetimeSeconds?: number;
  /** Time source for tokens, the cost bucket, timestamps and "the last 60 days". Default: the system clock. */
  clock?: Clock;
  /** The app's webhook URL: compliance topics, and topics without an API subscription, go here. */
  webhookTarget?: string;
  /**
   * JSON file keeping installations, tokens, subscriptions, pending webhook retries and the data
   * changes across restarts (dev). Default: none.
   */
  stateFile?: string;
  /**
   * Multiplies the delays of the webhook retry schedule (see webhook-retries.ts). Default 1: a
   * failed delivery is retried 8 times over 4 hours, as on Shopify; 0.001 makes that 14.4 s.
   */
  webhookRetryScale?: number;
}

export interface ShopifySandbox {
  /** `http://localhost:<port>` */
  url: string;
  app: AppCredentials;
  clock: Clock;
  faults: FaultPlan<FaultPoint, ShopifyFaultKind>;
  /** `${url}/shops/${domain}`: replaces `https://${domain}` in every Shopify URL. */
  shopOrigin(domain: string): string;
  shop(domain: string): SandboxShop;
  shops(): SandboxShop[];
  addShop(options: ShopOptions): SandboxShop;
  injectFault(spec: FaultSpec): void;
  setWebhookTarget(url: string | undefined): void;
  /** Signs params with the app secret (adds `hmac`), as Shopify signs its requests to the app. */
  signQuery(params: Record<string, string>): Record<string, string>;
  /** The request Shopify sends when a merchant installs from Shopify's side: `${appUrl}?host&shop&timestamp&hmac`. */
  installRequest(appUrl: string, domain: string): string;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
const INVALID_TOKEN = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

/**
 * What the state file keeps: each shop's installation, tokens, retries and data changes, by domain.
 * Format 2: orders have a channel, a journey and shipping lines. Format 3: and addresses.
 */
const STATE_FORMAT = 3;

/** Orders kept by older files get what the sandbox served for every order then. */
function upgradeState(saved: Record<string, ShopState>): Record<string, ShopState> {
  for (const shop of Object.values(saved))
    for (const order of shop.data?.orders.changed ?? []) Object.assign(order, { ...BEFORE_ATTRIBUTION, ...BEFORE_ADDRESSES, ...order });
  return saved;
}

/** Starts the sandbox Shopify on the kit's HTTP server. */
export async function startShopifySandbox(options: ShopifySandboxOptions): Promise<ShopifySandbox> {
  const clock = options.clock ?? systemClock;
  const app: AppCredentials = { apiKey: options.apiKey, apiSecret: options.apiSecret };
  const appName = options.appName ?? "Meridian";
  const faults = new FaultPlan<FaultPoint, ShopifyFaultKind>(FAULT_POINTS);
  const shops = new Map<string, SandboxShop>();
  const bulkDir = mkdtempSync(join(tmpdir(), "shopify-sandbox-bulk-"));
  let webhookTarget = options.webhookTarget;

  const state = options.stateFile
    ? new StateFile<Record<string, ShopState>>(
        options.stateFile,
        {
          exportState: () => Object.fromEntries([...shops.values()].map((shop) => [shop.domain, shop.exportState()])),
          importState: (saved) => {
            for (const shop of shops.values()) if (saved[shop.domain]) shop.importState(saved[shop.domain]!);
          },
          version: () => [...shops.values()].map((shop) => `${shop.domain}:${shop.stateVersion()}`).join("\n"),
        },
        // Files from before the kit (no format) are the bare map of shops.
        { name: "shopify sandbox", format: STATE_FORMAT, upgrade: (saved, format) => (format === undefined || format === 1 || format === 2 ? upgradeState(saved as Record<string, ShopState>) : undefined) },
      )
    : undefined;

  /** The shop a request is for, or Shopify's 404. */
  const shopOf = (domain: string | undefined) => (domain === undefined ? undefined : shops.get(domain));
  const notFound: HttpAnswer = { status: 404, body: { errors: "Not Found" } };
  /** Answers an injected fault that replaces the response; GraphQL's `throttled` is a 429 elsewhere. */
  const faulted = (res: ServerResponse, fault: ActiveFault<FaultPoint, ShopifyFaultKind> | undefined): boolean =>
    answerFault(res, fault?.kind === "throttled" && fault.point !== "graphql" ? { ...fault, kind: "429" } : fault, SHOPIFY_FAULT_SHAPES);

  const routes = new Router()
    .on(["GET", "POST"], "/shops/{shop}/admin/oauth/authorize", async (req, _res, { url, params }) => {
      const shop = shopOf(params.shop);
      return shop ? authorize(shop, req, url, appName) : notFound;
    })
    .on("POST", "/shops/{shop}/admin/oauth/access_token", async (req, res, { url, params }) => {
      const shop = shopOf(params.shop);
      if (!shop) return notFound;
      const fault = faults.take("token", shop.domain);
      if (faulted(res, fault)) return;
      // A refresh after the merchant (or Shopify) revoked the app's tokens.
      if (fault?.kind === "revoked") shop.revokeTokens();
      sendAnswer(res, await accessToken(shop, req, url), fault?.kind === "truncated");
    })
    .on("POST", `/shops/{shop}${GRAPHQL_PATH}`, async (req, res, { params }) => {
      const shop = shopOf(params.shop);
      return shop ? graphql(shop, req, res) : notFound;
    })
    .on("GET", "/bulk/{shop}/{file}", (_req, res, { params }) => bulkFile(res, params.shop!, params.file!));

  async function graphql(shop: SandboxShop, req: IncomingMessage, res: ServerResponse): Promise<HttpAnswer | void> {
    const fault = faults.take("graphql", shop.domain);
    if (faulted(res, fault)) return;
    const auth = shop.installed ? authenticate(headerToken(req, "X-Shopify-Access-Token"), { tokens: shop.tokens }, fault) : { ok: false };
    if (!auth.ok) {
      await readJson(req).catch(() => undefined);
      return { status: 401, body: INVALID_TOKEN };
    }
    const invalid: HttpAnswer = { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
    let body: GraphqlRequestBody;
    try {
      const parsed = await readJson(req);
      if (parsed === undefined) return invalid;
      body = parsed as GraphqlRequestBody;
    } catch (error) {
      if (!(error instanceof BadRequestBody)) throw error;
      return invalid;
    }
    if (fault?.kind === "throttled") return { status: 200, body: throttledResponse(requestedCostOf(body), shop.bucket.status()) };
    sendAnswer(res, { status: 200, body: runAdminGraphql(shop, new Set(shop.scopes), body) }, fault?.kind === "truncated");
  }

  function bulkFile(res: ServerResponse, domain: string, name: string): HttpAnswer | void {
    const shop = shops.get(domain);
    const file = shop?.bulk.file(name);
    if (!shop || !file) return notFound;
    const fault = faults.take("bulk-download", domain);
    if (faulted(res, fault)) return;
    const size = statSync(file).size;
    res.writeHead(200, { "Content-Type": "application/jsonl", "Content-Length": size });
    if (fault?.kind === "truncated") {
      const stream = createReadStream(file, { end: Math.max(0, Math.floor(size / 2) - 1) });
      stream.on("end", () => res.socket?.destroy());
      stream.pipe(res, { end: false });
      return;
    }
    createReadStream(file).pipe(res);
  }

  const controls: Record<string, Control> = Object.fromEntries(Object.entries(CONTROLS).map(([name, control]) => [name, (body) => control(sandbox, body)]));
  const server = await startSandboxServer({
    port: options.port,
    host: options.host,
    routes,
    controls,
    describe: () => ({ sandbox: "shopify", apiVersion: ADMIN_API_VERSION, shops: [...shops.keys()].map((d) => sandbox.shopOrigin(d)) }),
    notFound: () => notFound,
    serverError: (message) => ({ status: 500, body: { errors: message } }),
    afterRequest: () => state?.schedule(),
  });
  const url = server.url;

  const sandbox: ShopifySandbox = {
    url,
    app,
    clock,
    faults,
    shopOrigin: (domain) => `${url}/shops/${domain}`,
    shop(domain) {
      const shop = shops.get(domain);
      if (!shop) throw new Error(`The sandbox has no shop ${domain} (it has ${[...shops.keys()].join(", ")})`);
      return shop;
    },
    shops: () => [...shops.values()],
    addShop(shopOptions) {
      if (!/^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$/.test(shopOptions.domain)) throw new Error(`${shopOptions.domain} is not a name.myshopify.com domain`);
      const shop = new SandboxShop(shopOptions, {
        app,
        clock,
        origin: `${url}/shops/${shopOptions.domain}`,
        bulkBaseUrl: `${url}/bulk/${shopOptions.domain}`,
        bulkDir,
        tokenLifetimes: {
          accessTokenSeconds: options.accessTokenLifetimeSeconds ?? 3600,
          refreshTokenSeconds: options.refreshTokenLifetimeSeconds ?? 90 * 86_400,
          codeSeconds: 600,
        },
        webhookTarget: () => webhookTarget,
        webhookRetryScale: options.webhookRetryScale ?? 1,
        stateChanged: () => state?.schedule(),
      });
      shops.set(shop.domain, shop);
      return shop;
    },
    injectFault: ({ shop, ...spec }: FaultSpec) => faults.add({ ...spec, tenant: shop }),
    setWebhookTarget(target) {
      webhookTarget = target;
    },
    signQuery: (params) => signQuery(params, app.apiSecret),
    installRequest(appUrl, domain) {
      const target = new URL(appUrl);
      const signed = signQuery({ host: hostParam(domain), shop: domain, timestamp: String(Math.floor(clock.now() / 1000)) }, app.apiSecret);
      for (const [key, value] of Object.entries(signed)) target.searchParams.set(key, value);
      return target.toString();
    },
    async stop() {
      await server.stop();
      await Promise.all([...shops.values()].map((shop) => Promise.all([shop.bulk.cancelAll(), shop.webhookRetries.stop()])));
      state?.flush();
      rmSync(bulkDir, { recursive: true, force: true });
    },
  };
  for (const shopOptions of options.shops) sandbox.addShop(shopOptions);
  state?.load();
  return sandbox;
}
