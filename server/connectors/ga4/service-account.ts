import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { OAuthAccess } from "../_core/auth";
import { exchangeJwtAssertion, type TokenRequestOptions } from "../_core/oauth";
import { GA4_SCOPE, type Ga4Config } from "./config";

// A service account's key file (Google Cloud console → IAM → Service accounts → Keys → Add key →
// JSON) and its JWT-bearer grant (developers.google.com/identity/protocols/oauth2/service-account):
// an RS256 JWT signed with the file's private key, traded at Google's token endpoint for an
// hour's access token. No refresh token: the next one is traded for the same way.

/** What the connection stores, encrypted: the file as uploaded, once every field checked out. */
export type ServiceAccountValues = { keyFile: string };

export type ServiceAccountKey = { clientEmail: string; privateKey: KeyObject; privateKeyId: string | null; projectId: string | null };

/** Google refuses assertions valid for longer than an hour. */
const ASSERTION_SECONDS = 3600;

const UPLOAD_HINT = "Upload the JSON key Google Cloud downloaded (IAM → Service accounts → the account → Keys → Add key → JSON).";

type Checked = { ok: true; key: ServiceAccountKey } | { ok: false; problems: string[] };

/** Every problem of the file, each naming its field, or the key it holds. */
export function checkServiceAccountKey(text: string): Checked {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [`This file is not JSON. ${UPLOAD_HINT}`] };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { ok: false, problems: [`This file is not a key file. ${UPLOAD_HINT}`] };
  const file = json as Record<string, unknown>;
  const problems: string[] = [];
  const stringField = (name: string) => (typeof file[name] === "string" && file[name] !== "" ? (file[name] as string) : null);

  const type = stringField("type");
  if (type !== "service_account") problems.push(type ? `type is "${type}", not "service_account": this is not a service account's key. ${UPLOAD_HINT}` : `type is missing: a service account's key file has "type": "service_account". ${UPLOAD_HINT}`);
  const clientEmail = stringField("client_email");
  if (!clientEmail) problems.push("client_email is missing: it names the service account (…@….iam.gserviceaccount.com).");
  else if (!z.email().safeParse(clientEmail).success) problems.push(`client_email "${clientEmail}" is not an email address.`);
  let privateKey: KeyObject | null = null;
  const pem = stringField("private_key");
  if (!pem) problems.push("private_key is missing: the file must hold the key itself (-----BEGIN PRIVATE KEY-----).");
  else {
    try {
      privateKey = pem.includes("-----BEGIN") ? createPrivateKey({ key: pem, format: "pem" }) : null;
    } catch {
      privateKey = null;
    }
    if (!privateKey || privateKey.asymmetricKeyType !== "rsa") problems.push("private_key is not an RSA private key in PEM form (-----BEGIN PRIVATE KEY-----): the file may have been edited or truncated.");
  }
  const tokenUri = stringField("token_uri");
  if (!tokenUri) problems.push("token_uri is missing: Google's key files name their token endpoint (https://oauth2.googleapis.com/token).");
  else if (!URL.canParse(tokenUri)) problems.push(`token_uri "${tokenUri}" is not a URL.`);

  if (problems.length || !clientEmail || !privateKey) return { ok: false, problems };
  return { ok: true, key: { clientEmail, privateKey, privateKeyId: stringField("private_key_id"), projectId: stringField("project_id") } };
}

/** The key file field: every problem of the file under it, each its own message. */
export const serviceAccountSchema = z.object({
  keyFile: z.string().superRefine((text, ctx) => {
    if (text.trim() === "") {
      ctx.addIssue({ code: "custom", message: `Choose the service account's key file. ${UPLOAD_HINT}` });
      return;
    }
    const checked = checkServiceAccountKey(text);
    if (!checked.ok) for (const message of checked.problems) ctx.addIssue({ code: "custom", message });
  }),
}) satisfies z.ZodType<ServiceAccountValues, Record<string, string>>;

/** The key of values the schema accepted. */
export function serviceAccountKey({ keyFile }: ServiceAccountValues): ServiceAccountKey {
  const checked = checkServiceAccountKey(keyFile);
  if (!checked.ok) throw new Error(`The stored GA4 key file no longer checks out: ${checked.problems.join(" ")}`);
  return checked.key;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The grant's assertion (§5): RS256, `iss` the account, `aud` the token endpoint, an hour at most. */
export function signAssertion(key: ServiceAccountKey, audience: string, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = { alg: "RS256", typ: "JWT", ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) };
  const claims = { iss: key.clientEmail, scope: GA4_SCOPE, aud: audience, iat, exp: iat + ASSERTION_SECONDS };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${base64url(sign("RSA-SHA256", Buffer.from(signingInput), key.privateKey))}`;
}

/** An access token for the service account. AuthExpiredError when Google refuses the assertion (the key deleted). */
export async function serviceAccountAccess(config: Ga4Config, values: ServiceAccountValues, options: TokenRequestOptions = {}): Promise<OAuthAccess> {
  const now = (options.now ?? (() => new Date()))();
  const tokens = await exchangeJwtAssertion({ url: config.tokenUrl, providerName: "Google" }, signAssertion(serviceAccountKey(values), config.tokenUrl, now), options);
  return { accessToken: tokens.accessToken, accessTokenExpiresAt: tokens.accessTokenExpiresAt, scopes: [GA4_SCOPE] };
}
