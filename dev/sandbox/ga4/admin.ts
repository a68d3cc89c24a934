// The Admin API as a GA4 connector meets it when a person picks the property: accountSummaries.list
// (paged with pageSize/pageToken) and properties.get, both answering only with the properties the
// token's subject is a user of. Shapes from Google's published v1beta reference [U: no proto copied
// here]; `accountSummariesResponse` and `propertyResource` are those shapes, checked on every answer.
import { z } from "zod";
import { authenticate, bearerToken } from "../_kit/auth";
import type { HttpAnswer } from "../_kit/http";
import type { TokenStore } from "../_kit/oauth-tokens";
import type { Router } from "../_kit/router";
import { googleError, invalidArgument, permissionDenied, unauthenticated } from "./config";

export interface SandboxProperty {
  id: string;
  displayName: string;
  currencyCode: string;
  timeZone: string;
  account: { id: string; displayName: string };
  /** Service account emails and user subjects that may read it. */
  users: Set<string>;
}

const propertySummary = z.strictObject({
  property: z.string().regex(/^properties\/\d+$/),
  displayName: z.string(),
  propertyType: z.enum(["PROPERTY_TYPE_ORDINARY", "PROPERTY_TYPE_SUBPROPERTY", "PROPERTY_TYPE_ROLLUP"]),
  parent: z.string().regex(/^accounts\/\d+$/),
});

/** ListAccountSummariesResponse (developers.google.com/analytics/devguides/config/admin/v1/rest/v1beta/accountSummaries/list). */
export const accountSummariesResponse = z.strictObject({
  accountSummaries: z
    .array(
      z.strictObject({
        name: z.string().regex(/^accountSummaries\/\d+$/),
        account: z.string().regex(/^accounts\/\d+$/),
        displayName: z.string(),
        propertySummaries: z.array(propertySummary).optional(),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});

/** The Property resource's fields the sandbox has (…/v1beta/properties#Property). */
export const propertyResource = z.strictObject({
  name: z.string().regex(/^properties\/\d+$/),
  propertyType: z.literal("PROPERTY_TYPE_ORDINARY"),
  parent: z.string().regex(/^accounts\/\d+$/),
  displayName: z.string(),
  timeZone: z.string(),
  currencyCode: z.string().length(3),
  serviceLevel: z.literal("GOOGLE_ANALYTICS_STANDARD"),
  account: z.string().regex(/^accounts\/\d+$/),
});

/** Google's default and largest page of account summaries. */
const PAGE_SIZE = { default: 50, max: 200 };

/** A checked answer: a shape the published reference would not send is a sandbox bug. */
function checked<T>(schema: z.ZodType<T>, body: T): HttpAnswer {
  schema.parse(body);
  return { status: 200, body };
}

export function adminRoutes(routes: Router, { properties, tokens }: { properties: readonly SandboxProperty[]; tokens: TokenStore }): void {
  function subjectOf(authorization: string | undefined): string | null | undefined {
    const auth = authenticate(authorization, { tokens });
    return auth.ok ? (auth.subject ?? null) : undefined;
  }

  routes.on("GET", "/v1beta/accountSummaries", (req, _res, { url }) => {
    const subject = subjectOf(bearerToken(req));
    if (subject === undefined) return unauthenticated();
    const pageSize = url.searchParams.has("pageSize") ? Number(url.searchParams.get("pageSize")) : PAGE_SIZE.default;
    if (!Number.isInteger(pageSize) || pageSize < 0) return invalidArgument("pageSize must be a non-negative integer", [{ field: "page_size", description: "must be a non-negative integer" }]);
    const size = Math.min(pageSize || PAGE_SIZE.default, PAGE_SIZE.max);
    const readable = properties.filter((p) => subject !== null && p.users.has(subject));
    const accounts = [...new Map(readable.map((p) => [p.account.id, p.account])).values()];
    // The token is the index of the page's first account [U: Google's tokens are opaque].
    const token = url.searchParams.get("pageToken");
    const start = token ? Number(Buffer.from(token, "base64url").toString("utf8")) : 0;
    if (!Number.isInteger(start) || start < 0 || start > accounts.length) return invalidArgument("Invalid page token.", [{ field: "page_token", description: "not a token this list issued" }]);
    const page = accounts.slice(start, start + size);
    const next = start + size < accounts.length ? Buffer.from(String(start + size)).toString("base64url") : undefined;
    return checked(accountSummariesResponse, {
      ...(page.length
        ? {
            accountSummaries: page.map((account) => ({
              name: `accountSummaries/${account.id}`,
              account: `accounts/${account.id}`,
              displayName: account.displayName,
              propertySummaries: readable
                .filter((p) => p.account.id === account.id)
                .map((p) => ({ property: `properties/${p.id}`, displayName: p.displayName, propertyType: "PROPERTY_TYPE_ORDINARY" as const, parent: `accounts/${account.id}` })),
            })),
          }
        : {}),
      ...(next ? { nextPageToken: next } : {}),
    });
  });

  routes.on("GET", "/v1beta/properties/{id}", (req, _res, { params }) => {
    const subject = subjectOf(bearerToken(req));
    if (subject === undefined) return unauthenticated();
    const property = properties.find((p) => p.id === params.id);
    if (!property) return googleError(404, "NOT_FOUND", `Property properties/${params.id} not found.`);
    if (subject === null || !property.users.has(subject)) return permissionDenied(`properties/${property.id}`);
    return checked(propertyResource, {
      name: `properties/${property.id}`,
      propertyType: "PROPERTY_TYPE_ORDINARY",
      parent: `accounts/${property.account.id}`,
      displayName: property.displayName,
      timeZone: property.timeZone,
      currencyCode: property.currencyCode,
      serviceLevel: "GOOGLE_ANALYTICS_STANDARD",
      account: `accounts/${property.account.id}`,
    });
  });
}
