// The sandbox GA4: Google's token endpoint, the Data API's runReport for one demo property,
// validated both ways against the real protos, behind the property's quotas, and the Admin API's
// listing of the properties a caller can read (admin.ts). What is confirmed
// and what is not: CONTRACT-NOTES.md.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { authenticate, bearerToken } from "../_kit/auth";
import { systemClock, type Clock } from "../_kit/clock";
import { FaultPlan, type FaultSpec } from "../_kit/faults";
import { BadRequestBody, type HttpAnswer } from "../_kit/http";
import { authorizeEndpoint } from "../_kit/oauth";
import { TokenStore, type TokenState } from "../_kit/oauth-tokens";
import type { SpecIssue } from "../_kit/openapi";
import { loadProtoRoot } from "../_kit/proto-json";
import { httpBindings, protoRoute } from "../_kit/proto-route";
import { allOf, FixedWindowLimiter } from "../_kit/rate-limits";
import { Router } from "../_kit/router";
import { startSandboxServer } from "../_kit/server";
import { StateFile } from "../_kit/state-file";
import type { GeneratorOptions as ShopOptions } from "../shopify/generate";
import { adminRoutes, type SandboxProperty } from "./admin";
import { ACCESS_TOKEN_SECONDS, DEMO_PROPERTY, FAULT_SHAPES, GA4_DEV, googleError, SCOPES, invalidArgument, KEY_DOWNLOAD_PATH, permissionDenied, QUOTAS, reportCost, resourceExhausted, ROW_LIMITS, SECOND_PROPERTY, unauthenticated } from "./config";
import { generatedPurchases, type Ga4Property } from "./generate";
import { ReportArgumentError, reportMetadata, runReport } from "./report";
import { GoogleTokenEndpoint, type GoogleGrantsState } from "./token-endpoint";

export interface Ga4SandboxOptions {
  /** The treatments' seed. */
  seed: string | number;
  /** The sandbox Shopify's generator options: the orders the purchases come from. */
  shop: ShopOptions;
  clock?: Clock;
  port?: number;
  host?: string;
  /** JSON file keeping keys, tokens and the property's users across restarts. */
  stateFile?: string;
  /** Lower quotas for tests (defaults: a standard property's). */
  quotas?: Partial<Pick<typeof QUOTAS, "tokensPerDay" | "tokensPerHour" | "concurrentRequests">>;
}

export const FAULT_POINTS = ["report", "token"] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];
/** The faults a Google API client meets: a 429, a 5xx, a request never answered. */
type FaultKind = "429" | "5xx" | "timeout";

/** The user the consent page signs in as. */
const DEMO_USER = "marketing@demo-brand.example";
const HOUR = 3_600_000;
const PROTOS = join(import.meta.dirname, "spec", "protos.json");

export async function startGa4Sandbox(options: Ga4SandboxOptions) {
  const clock = options.clock ?? systemClock;
  const property: Ga4Property = generatedPurchases(options.seed, options.shop);
  const quotas = { ...QUOTAS, ...options.quotas };
  const tokens = new TokenStore({ clock, rotation: "strict", lifetimes: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshTokenSeconds: ACCESS_TOKEN_SECONDS, codeSeconds: 600 }, prefixes: { access: "ya29.sandbox-", refresh: "unused-" } });
  const tokenEndpoint = new GoogleTokenEndpoint(tokens, clock);
  /** Who may read the property: service account emails and user subjects. */
  const propertyUsers = new Set<string>();
  const secondPropertyUsers = new Set<string>();
  // The demo property reports in the shop's currency, as a brand sets it up: another currency
  // would make every purchase a currency mismatch, hiding the planted losses.
  const demoProperty: SandboxProperty = { ...DEMO_PROPERTY, currencyCode: options.shop.currency ?? DEMO_PROPERTY.currencyCode, users: propertyUsers };
  const properties: SandboxProperty[] = [
    demoProperty,
    { ...SECOND_PROPERTY, users: secondPropertyUsers },
  ];
  const perHour = new FixedWindowLimiter({ limit: quotas.tokensPerHour, windowMs: HOUR, clock });
  const perDay = new FixedWindowLimiter({ limit: quotas.tokensPerDay, windowMs: 24 * HOUR, clock });
  const tokenQuota = allOf(perHour, perDay);
  let inFlight = 0;
  /** While set, reports wait here after counting as concurrent: how a test holds requests open. */
  let gate: { promise: Promise<void>; release: () => void } | undefined;
  let base = "";
  const faults = new FaultPlan<FaultPoint, FaultKind>(FAULT_POINTS);
  /** A queued fault's answer; a timeout is a promise that never settles (the client gives up). */
  function faultAnswer(point: FaultPoint): Promise<HttpAnswer> | undefined {
    const fault = faults.take(point, DEMO_PROPERTY.id);
    if (!fault) return undefined;
    if (fault.kind === "timeout") return new Promise<HttpAnswer>(() => {});
    return Promise.resolve(fault.kind === "429" ? FAULT_SHAPES.tooManyRequests(fault.retryAfterSeconds) : FAULT_SHAPES.serverError(fault.status));
  }

  const routes = new Router();
  routes.on("POST", "/token", (req, _res, { url }) => faultAnswer("token") ?? tokenEndpoint.handle(req, url, `${base}/token`));
  routes.on(["GET", "POST"], "/o/oauth2/v2/auth", (req, _res, { url }) =>
    authorizeEndpoint(req, url, {
      provider: "Sandbox Google · Demo Brand",
      appName: "Meridian",
      heading: "Meridian wants access to your Google Account",
      approveLabel: "Allow",
      client: (id) => (id === GA4_DEV.client.clientId ? GA4_DEV.client : undefined),
      parseScope: (scope) => scope.split(" ").filter(Boolean),
      tokens,
      approve: (request) => {
        propertyUsers.add(DEMO_USER);
        secondPropertyUsers.add(DEMO_USER);
        return { scope: request.scopes.join(" ") || SCOPES.readonly, subject: DEMO_USER };
      },
    }),
  );

  const service = loadProtoRoot(PROTOS).lookupService("google.analytics.data.v1beta.BetaAnalyticsData");
  const bindings = httpBindings(service);
  const binding = (rpc: string) => bindings.find((b) => b.rpc === rpc)!;
  const propertyName = `properties/${DEMO_PROPERTY.id}`;
  const invalidRequest = (issues: SpecIssue[]) => {
    const field = (issue: SpecIssue) => issue.where.replace(/^request\./, "");
    return invalidArgument(`Invalid JSON payload received. ${issues.map((i) => `${field(i)} ${i.message}`).join("; ")}`, issues.map((i) => ({ field: field(i), description: i.message })));
  };
  /** The access token's account, when it may read the property; else Google's 401 or 403. */
  function reader(req: IncomingMessage, property: unknown): HttpAnswer | undefined {
    const auth = authenticate(bearerToken(req), { tokens });
    if (!auth.ok) return unauthenticated();
    const users = properties.find((p) => `properties/${p.id}` === property)?.users;
    if (!users || !auth.subject || !users.has(auth.subject)) return permissionDenied(String(property));
    return undefined;
  }

  // `properties/0/metadata` is the universal one, readable by anyone signed in [U].
  protoRoute(routes, binding("GetMetadata"), { invalidRequest }, (req, { message }) => {
    const name = String(message.name);
    const refused = name === "properties/0/metadata" ? (authenticate(bearerToken(req), { tokens }).ok ? undefined : unauthenticated()) : reader(req, name.replace(/\/metadata$/, ""));
    return refused ?? { status: 200, body: reportMetadata(name) };
  });

  function quotaStatus() {
    const hour = perHour.peek(DEMO_PROPERTY.id, 0);
    const day = perDay.peek(DEMO_PROPERTY.id, 0);
    const status = (limit: number, remaining: number) => ({ consumed: limit - remaining, remaining });
    return {
      tokensPerDay: status(quotas.tokensPerDay, day.remaining),
      tokensPerHour: status(quotas.tokensPerHour, hour.remaining),
      concurrentRequests: status(quotas.concurrentRequests, quotas.concurrentRequests - inFlight),
      serverErrorsPerProjectPerHour: status(quotas.serverErrorsPerProjectPerHour, quotas.serverErrorsPerProjectPerHour),
      potentiallyThresholdedRequestsPerHour: status(quotas.potentiallyThresholdedRequestsPerHour, quotas.potentiallyThresholdedRequestsPerHour),
      tokensPerProjectPerHour: status(quotas.tokensPerProjectPerHour, quotas.tokensPerProjectPerHour),
    };
  }

  protoRoute(routes, binding("RunReport"), { invalidRequest }, async (req, { message }) => {
    const fault = faultAnswer("report");
    if (fault) return fault;
    const refused = reader(req, message.property);
    if (refused) return refused;
    if (inFlight >= quotas.concurrentRequests) return resourceExhausted("concurrentRequests");
    for (const [name, limiter] of [["tokensPerHour", perHour], ["tokensPerDay", perDay]] as const) if (!limiter.peek(DEMO_PROPERTY.id, 1).allowed) return resourceExhausted(name);
    inFlight++;
    try {
      await gate?.promise;
      const demo = message.property === propertyName;
      const { timeZone, currencyCode } = demo ? demoProperty : SECOND_PROPERTY;
      const report = runReport({ message, events: demo ? property.events : [], now: clock.now(), timeZone, currencyCode, maxLimit: ROW_LIMITS.max, defaultLimit: ROW_LIMITS.default });
      // The last tokens an hour or a day has pay for a report even when it costs more [U].
      const cost = reportCost(report.rows.length);
      const hourLeft = perHour.peek(DEMO_PROPERTY.id, 0).remaining;
      const dayLeft = perDay.peek(DEMO_PROPERTY.id, 0).remaining;
      tokenQuota.take(DEMO_PROPERTY.id, Math.min(cost, hourLeft, dayLeft));
      return { status: 200, body: { ...report, ...(message.returnPropertyQuota === true ? { propertyQuota: quotaStatus() } : {}) } };
    } catch (error) {
      if (error instanceof ReportArgumentError) return invalidArgument(error.message, [{ field: error.field, description: error.message }]);
      throw error;
    } finally {
      inFlight--;
    }
  });

  adminRoutes(routes, { properties, tokens });
  // For a person trying the key-file way in a browser: each download is a new key, a user of both properties.
  routes.on("GET", KEY_DOWNLOAD_PATH, () => {
    const email = `meridian-dev-${randomBytes(3).toString("hex")}@${GA4_DEV.projectId}.iam.gserviceaccount.com`;
    propertyUsers.add(email);
    secondPropertyUsers.add(email);
    const key = tokenEndpoint.createServiceAccountKey(email, `${base}/token`);
    return { status: 200, headers: { "Content-Disposition": `attachment; filename="${GA4_DEV.projectId}-${key.private_key_id.slice(0, 12)}.json"` }, body: key };
  });

  /** `secondPropertyUsers` is absent from state files written before the second property. */
  type Kept = { tokens: TokenState; grants: GoogleGrantsState; propertyUsers: string[]; secondPropertyUsers?: string[] };
  const state = options.stateFile
    ? new StateFile<Kept>(
        options.stateFile,
        {
          exportState: () => ({ tokens: tokens.exportState(), grants: tokenEndpoint.exportState(), propertyUsers: [...propertyUsers], secondPropertyUsers: [...secondPropertyUsers] }),
          importState: (saved) => {
            tokens.importState(saved.tokens);
            tokenEndpoint.importState(saved.grants);
            for (const user of saved.propertyUsers) propertyUsers.add(user);
            for (const user of saved.secondPropertyUsers ?? []) secondPropertyUsers.add(user);
          },
          version: () => `${tokens.revision}:${tokenEndpoint.revision}:${[...propertyUsers].join(",")}:${[...secondPropertyUsers].join(",")}`,
        },
        { name: "ga4-sandbox", format: 1 },
      )
    : undefined;
  state?.load();

  const server = await startSandboxServer({
    port: options.port,
    host: options.host,
    routes,
    describe: () => ({ sandbox: "ga4", property: propertyName, orders: property.orders, events: property.events.length }),
    notFound: () => googleError(404, "NOT_FOUND", "The requested URL was not found on this server."),
    badRequest: (message) => invalidArgument(message, []),
    serverError: (message) => googleError(500, "INTERNAL", message),
    controls: {
      /**
       * A service account key file: a user of the demo property unless `propertyUser: false`, and
       * of the second one too with `secondProperty: true`.
       */
      createServiceAccountKey: (body) => {
        const email = typeof body.email === "string" ? body.email : `meridian-sync@${GA4_DEV.projectId}.iam.gserviceaccount.com`;
        if (body.propertyUser !== false) propertyUsers.add(email);
        if (body.secondProperty === true) secondPropertyUsers.add(email);
        return tokenEndpoint.createServiceAccountKey(email, `${base}/token`);
      },
      /** What a user's consent yields: a refresh token and a first access token. */
      issueUserGrant: (body) => {
        const subject = typeof body.email === "string" ? body.email : DEMO_USER;
        if (body.propertyUser !== false) propertyUsers.add(subject);
        return tokenEndpoint.issueUserGrant(subject);
      },
      setPropertyUser: (body) => {
        if (typeof body.email !== "string") throw new BadRequestBody("email is required");
        if (body.user === false) propertyUsers.delete(body.email);
        else propertyUsers.add(body.email);
        return { users: [...propertyUsers] };
      },
      holdReports: () => {
        let release = () => {};
        const promise = new Promise<void>((resolve) => (release = resolve));
        gate = { promise, release };
        return { held: true };
      },
      releaseReports: () => {
        gate?.release();
        gate = undefined;
        return { inFlight };
      },
      inFlight: () => ({ inFlight }),
      planted: () => property.planted,
      injectFault: (body) => faults.add(body as unknown as FaultSpec<FaultPoint, FaultKind>),
    },
    afterRequest: () => state?.schedule(),
  });
  base = server.url;
  return {
    ...server,
    property,
    propertyName,
    tokens,
    tokenEndpoint,
    propertyUsers,
    secondPropertyUsers,
    faults,
    async stop() {
      await server.stop();
      state?.flush();
    },
  };
}

export type Ga4Sandbox = Awaited<ReturnType<typeof startGa4Sandbox>>;
