import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, readParams, redirect, sendHtml, sendJson, sendTruncated } from "./http-util";
import { signQuery } from "./hmac";
import type { ActiveFault } from "./faults";
import { parseScopes } from "./scopes";
import type { SandboxShop } from "./shop";

/** Shopify's `host` parameter: base64 of the shop's admin path, without padding. */
export function hostParam(domain: string): string {
  return Buffer.from(`admin.shopify.com/store/${domain.replace(/\.myshopify\.com$/, "")}`).toString("base64").replace(/=+$/, "");
}

function errorPage(res: ServerResponse, status: number, message: string): void {
  sendHtml(res, status, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Oauth error</title></head><body><main><h1>Oauth error</h1><p>${escapeHtml(message)}</p></main></body></html>`);
}

/**
 * GET /admin/oauth/authorize: the consent page. POST (its form): the merchant clicked
 * "Install app": a single-use code and a redirect to `redirect_uri` signed like Shopify's.
 */
export async function authorize(shop: SandboxShop, req: IncomingMessage, res: ServerResponse, url: URL, appName: string): Promise<void> {
  const params = req.method === "POST" ? await readParams(req, url) : Object.fromEntries(url.searchParams);
  const { client_id: clientId, scope = "", redirect_uri: redirectUri, state } = params;
  if (clientId !== shop.app.apiKey) return errorPage(res, 400, "Invalid client_id: the app was not found.");
  if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return errorPage(res, 400, "The redirect_uri is missing or not a valid URL.");
  const scopes = parseScopes(scope);

  if (req.method === "POST") {
    shop.grant(scopes);
    const code = shop.tokens.issueCode();
    const query = signQuery(
      {
        code,
        host: hostParam(shop.domain),
        shop: shop.domain,
        ...(state !== undefined ? { state } : {}),
        timestamp: String(Math.floor(shop.clock.now() / 1000)),
      },
      shop.app.apiSecret,
    );
    const target = new URL(redirectUri);
    for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
    return redirect(res, target.toString());
  }

  const hidden = Object.entries({ client_id: clientId, scope, redirect_uri: redirectUri, ...(state !== undefined ? { state } : {}) })
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("");
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("");
  sendHtml(
    res,
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Install ${escapeHtml(appName)} – ${escapeHtml(shop.domain)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f1f1f1;margin:0}main{max-width:32rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.75rem}button{background:#303030;color:#fff;border:0;border-radius:.5rem;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}button:focus-visible{outline:3px solid #005bd3;outline-offset:2px}</style></head>
<body><main><p>Sandbox Shopify · ${escapeHtml(shop.domain)}</p><h1>Install ${escapeHtml(appName)}</h1>
<p>${escapeHtml(appName)} will be able to:</p><ul>${items}</ul>
<form method="post" action="${escapeHtml(url.pathname)}">${hidden}<button type="submit" autofocus>Install app</button></form></main></body></html>`,
  );
}

/** POST /admin/oauth/access_token: authorization_code and refresh_token grants, JSON or form. */
export async function accessToken(shop: SandboxShop, req: IncomingMessage, res: ServerResponse, url: URL, fault: ActiveFault | undefined): Promise<void> {
  let params: Record<string, string>;
  try {
    params = await readParams(req, url);
  } catch {
    return sendJson(res, 400, { error: "invalid_request", error_description: "The request body could not be parsed." });
  }
  const answer = (status: number, body: unknown) => (fault?.kind === "truncated" ? sendTruncated(res, status, JSON.stringify(body)) : sendJson(res, status, body));
  if (params.client_id !== shop.app.apiKey || params.client_secret !== shop.app.apiSecret) {
    return answer(401, { error: "invalid_client", error_description: "Client authentication failed: unknown client_id or wrong client_secret." });
  }
  const scope = shop.scopes.join(",");
  const grantType = params.grant_type ?? "authorization_code";
  if (grantType === "refresh_token") {
    const issued = shop.installed ? shop.tokens.rotate(params.refresh_token ?? "", scope) : null;
    if (!issued) return answer(400, { error: "invalid_grant", error_description: "The refresh token is invalid, expired or revoked." });
    return answer(200, issued);
  }
  if (grantType !== "authorization_code") return answer(400, { error: "unsupported_grant_type", error_description: `Unsupported grant_type: ${grantType}` });
  const issued = params.code ? shop.tokens.redeemCode(params.code, scope) : null;
  if (!issued) return answer(400, { error: "invalid_request", error_description: "The authorization code was not found or was already used" });
  return answer(200, issued);
}
