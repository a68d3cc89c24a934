import { CredentialsRefusedError, type ConnectorAuth } from "../_core/auth";
import { AuthExpiredError } from "../_core/errors";
import { propertyIdentity, readableProperties, type Ga4Access } from "./accounts";
import type { Ga4Config } from "./config";
import { ga4OAuth } from "./oauth";
import { serviceAccountAccess, serviceAccountKey, serviceAccountSchema, type ServiceAccountValues } from "./service-account";

// Both ways GA4 connects: a service account's key file (always; service-account.ts), and Google's
// consent screen when this server has a Google OAuth client (oauth.ts). Either way the person then
// picks one of the properties the credentials can read, and every request carries an access
// token: the key file itself never leaves the sealed credentials.

/** An access token for the uploaded key, or the reason Google refused it, under the file's field. */
async function keyAccess(config: Ga4Config, values: ServiceAccountValues): Promise<Ga4Access> {
  const who = serviceAccountKey(values).clientEmail;
  try {
    return { accessToken: (await serviceAccountAccess(config, values)).accessToken, who };
  } catch (error) {
    if (error instanceof AuthExpiredError) throw new CredentialsRefusedError(`Google refused this key for ${who}: it may have been deleted or the service account disabled. Create a new key and upload it.`, "keyFile", { cause: error });
    throw error;
  }
}

export const ga4Auth = {
  oauth: ga4OAuth,
  credentials: {
    label: "Upload a service account key file",
    fields: [
      {
        name: "keyFile",
        label: "Service account key file (.json)",
        type: "file",
        accept: ".json,application/json",
        hint: "Google Cloud console → IAM → Service accounts → the account → Keys → Add key → JSON. Add its email as a Viewer in GA4 Admin → Property access management.",
      },
    ],
    schema: serviceAccountSchema,
    exchange: serviceAccountAccess,
    accounts: {
      label: "GA4 property",
      list: async (config, values) => readableProperties(config, await keyAccess(config, values)),
      identity: async (config, values, propertyId) => propertyIdentity(config, await keyAccess(config, values), propertyId),
    },
  },
} satisfies ConnectorAuth<Ga4Config, ServiceAccountValues>;
