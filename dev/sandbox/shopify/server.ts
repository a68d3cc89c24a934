import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAdminGraphql, requestedCostOf, throttledResponse, type GraphqlRequestBody } from "./admin-graphql";
import { systemClock, type Clock } from "./clock";
import { CONTROLS } from "./controls";
import { FaultPlan, type FaultSpec } from "./faults";
import { signQuery } from "./hmac";
import { answerFault, readBody, sendJson, sendTruncated } from "./http-util";
import { accessToken, authorize, hostParam } from "./oauth";
import { ADMIN_API_VERSION } from "./schema";
import { SandboxShop, type AppCredentials, type ShopOptions } from "./shop";
import { StateFile } from "./state-file";

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
  faults: FaultPlan;
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

/** Starts the sandbox Shopify over node:http. */
export async function startShopifySandbox(options: ShopifySandboxOptions): Promise<ShopifySandbox> {
  const clock = options.clock ?? systemClock;
  const app: AppCredentials = { apiKey: options.apiKey, apiSecret: options.apiSecret };
  const appName = options.appName ?? "Meridian";
  const faults = new FaultPlan();
  const shops = new Map<string, SandboxShop>();
  const bulkDir = mkdtempSync(join(tmpdir(), "shopify-sandbox-bulk-"));
  let webhookTarget = options.webhookTarget;
  let url = "";

  const state = options.stateFile ? new StateFile(options.stateFile, () => shops.values()) : undefined;
  const server = createServer((req, res) => {
    handle(req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { errors: `Sandbox error: ${(error as Error).message}` });
        else res.destroy();
      })
      .finally(() => state?.schedule());
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? "/", "http://sandbox.invalid");
    const path = requestUrl.pathname;
    if (path === "/" && req.method === "GET") return sendJson(res, 200, { sandbox: "shopify", apiVersion: ADMIN_API_VERSION, shops: [...shops.keys()].map((d) => sandbox.shopOrigin(d)) });
    if (path.startsWith("/_sandbox/")) return control(req, res, path.slice("/_sandbox/".length));
    // Browsers ask every origin for one while the consent page is open; a 404 is console noise.
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }

    const bulkMatch = /^\/bulk\/([^/]+)\/([^/]+)$/.exec(path);
    if (bulkMatch && req.method === "GET") return bulkFile(res, bulkMatch[1]!, bulkMatch[2]!);

    const shopMatch = /^\/shops\/([^/]+)(\/.*)$/.exec(path);
    const shop = shopMatch ? shops.get(shopMatch[1]!) : undefined;
    if (!shopMatch || !shop) return sendJson(res, 404, { errors: "Not Found" });
    const rest = shopMatch[2]!;
    if (rest === "/admin/oauth/authorize" && (req.method === "GET" || req.method === "POST")) return authorize(shop, req, res, requestUrl, appName);
    if (rest === "/admin/oauth/access_token" && req.method === "POST") {
      const fault = faults.take("token", shop.domain);
      if (fault && answerFault(res, fault.kind === "throttled" ? { ...fault, kind: "429" } : fault)) return;
      return accessToken(shop, req, res, requestUrl, fault);
    }
    if (rest === GRAPHQL_PATH && req.method === "POST") return graphql(shop, req, res);
    return sendJson(res, 404, { errors: "Not Found" });
  }

  async function graphql(shop: SandboxShop, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = faults.take("graphql", shop.domain);
    if (fault && answerFault(res, fault)) return;
    const token = req.headers["x-shopify-access-token"];
    const check = typeof token === "string" && shop.installed ? shop.tokens.useAccessToken(token) : "unknown";
    if (check !== "ok") {
      await readBody(req).catch(() => "");
      return sendJson(res, 401, INVALID_TOKEN);
    }
    let body: GraphqlRequestBody;
    try {
      body = JSON.parse(await readBody(req)) as GraphqlRequestBody;
    } catch {
      return sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } });
    }
    if (fault?.kind === "throttled") return sendJson(res, 200, throttledResponse(requestedCostOf(body), shop.bucket.status()));
    const response = runAdminGraphql(shop, new Set(shop.scopes), body);
    if (fault?.kind === "truncated") return sendTruncated(res, 200, JSON.stringify(response));
    return sendJson(res, 200, response);
  }

  function bulkFile(res: ServerResponse, domain: string, name: string): void {
    const shop = shops.get(domain);
    const file = shop?.bulk.file(name);
    if (!shop || !file) return sendJson(res, 404, { errors: "Not Found" });
    const fault = faults.take("bulk-download", domain);
    if (fault && answerFault(res, fault.kind === "throttled" ? { ...fault, kind: "429" } : fault)) return;
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

  async function control(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const fn = Object.hasOwn(CONTROLS, name) ? CONTROLS[name] : undefined;
    if (!fn) return sendJson(res, 404, { error: `Unknown control ${name}. Known: ${Object.keys(CONTROLS).join(", ")}` });
    try {
      const raw = req.method === "POST" ? await readBody(req) : "";
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      return sendJson(res, 200, (await fn(sandbox, body)) ?? null);
    } catch (error) {
      return sendJson(res, 400, { error: (error as Error).message });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  url = `http://localhost:${(server.address() as AddressInfo).port}`;

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
    injectFault: (spec) => faults.add(spec),
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
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...shops.values()].map((shop) => Promise.all([shop.bulk.cancelAll(), shop.webhookRetries.stop()])));
      state?.flush();
      rmSync(bulkDir, { recursive: true, force: true });
    },
  };
  for (const shopOptions of options.shops) sandbox.addShop(shopOptions);
  state?.load();
  return sandbox;
}
