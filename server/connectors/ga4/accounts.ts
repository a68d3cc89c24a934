import { z } from "zod";
import { CredentialsRefusedError, type AccountIdentity, type AccountOption } from "../_core/auth";
import { AuthExpiredError } from "../_core/errors";
import { HttpClient } from "../_core/http";
import type { Ga4Config } from "./config";
import { isServiceDisabled, notAPropertyUserMessage } from "./errors";

// The properties credentials can read, for the person to pick one (Admin API
// accountSummaries.list, paged), and the picked one's identity: readable through the Data API
// (its metadata: a 403 there means the account is not a user of it), with its name, time zone and
// currency (Admin API properties.get). A person is waiting: one attempt per request.

/** Who is asking, for messages: the service account's email, or null for a signed-in Google account. */
export type Ga4Access = { accessToken: string; who: string | null };

const summariesPage = z.object({
  accountSummaries: z
    .array(
      z.object({
        account: z.string(),
        displayName: z.string().default(""),
        propertySummaries: z.array(z.object({ property: z.string(), displayName: z.string().default(""), propertyType: z.string().optional() })).default([]),
      }),
    )
    .default([]),
  nextPageToken: z.string().optional(),
});

const propertyAnswer = z.object({ name: z.string(), displayName: z.string(), timeZone: z.string(), currencyCode: z.string() });

/** Google's largest page; a user of more accounts than this × the cap is not plausible. */
const PAGE_SIZE = 200;
const MAX_PAGES = 50;

const client = () => new HttpClient({ maxAttempts: 1, timeoutMs: 15_000 });

const authorization = (access: Ga4Access) => ({ authorization: `Bearer ${access.accessToken}` });

/** Google refusing: an API the Cloud project has not enabled is said as such, the rest passes as is. */
function refusedApi(error: unknown, api: string): never {
  if (error instanceof AuthExpiredError && error.status === 403 && isServiceDisabled(error.responseBody)) {
    throw new CredentialsRefusedError(`The ${api} is not enabled for this key's Google Cloud project: enable it in Google Cloud console → APIs & Services, then try again.`, "keyFile", { cause: error });
  }
  throw error;
}

export async function readableProperties(config: Ga4Config, access: Ga4Access): Promise<AccountOption[]> {
  const options: AccountOption[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(`${config.adminApiUrl}/v1beta/accountSummaries`);
    url.searchParams.set("pageSize", String(PAGE_SIZE));
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    const { body } = await client()
      .json(url.toString(), { headers: authorization(access) })
      .catch((error: unknown) => refusedApi(error, "Google Analytics Admin API"));
    const parsed = summariesPage.parse(body);
    for (const account of parsed.accountSummaries) {
      for (const summary of account.propertySummaries) {
        const id = summary.property.replace(/^properties\//, "");
        options.push({ id, label: summary.displayName || summary.property, detail: `${account.displayName || account.account} · ${summary.property}` });
      }
    }
    pageToken = parsed.nextPageToken;
    if (!pageToken) break;
  }
  return options;
}

/**
 * The property as a connection: "properties/<id>", "GA4 · <name>", and what the sync needs of it.
 * Refused with what to do when the Data API will not read it for `access`.
 */
export async function propertyIdentity(config: Ga4Config, access: Ga4Access, propertyId: string): Promise<AccountIdentity> {
  if (!/^\d+$/.test(propertyId)) throw new CredentialsRefusedError("Choose a GA4 property from the list.", "account");
  const listed = (await readableProperties(config, access)).find((option) => option.id === propertyId);
  const named = listed?.label ?? `properties/${propertyId}`;
  const notAUser = (cause?: unknown) => new CredentialsRefusedError(notAPropertyUserMessage(access.who, named), "account", { cause });
  if (!listed) throw notAUser();
  try {
    await client().json(`${config.dataApiUrl}/v1beta/properties/${propertyId}/metadata`, { headers: authorization(access) });
  } catch (error) {
    if (error instanceof AuthExpiredError && error.status === 403) {
      if (isServiceDisabled(error.responseBody)) refusedApi(error, "Google Analytics Data API");
      throw notAUser(error);
    }
    throw error;
  }
  const { body } = await client().json(`${config.adminApiUrl}/v1beta/properties/${propertyId}`, { headers: authorization(access) });
  const property = propertyAnswer.parse(body);
  return {
    externalAccountId: `properties/${propertyId}`,
    displayName: `GA4 · ${property.displayName}`,
    settings: {
      propertyId,
      propertyName: property.displayName,
      timeZone: property.timeZone,
      currencyCode: property.currencyCode,
      ...(access.who ? { serviceAccountEmail: access.who } : {}),
    },
  };
}
