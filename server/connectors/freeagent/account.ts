import { z } from "zod";
import type { AccountIdentity } from "../_core/auth";
import { HttpClient } from "../_core/http";
import { parseJsonLosslessly } from "../_core/lossless-json";
import type { FreeAgentConfig } from "./config";
import { company, user } from "./payloads";

// Who a new grant belongs to: the company (GET /v2/company) and the user who approved the app (GET
// /v2/users/me). The company's URL is the same for every company (…/v2/company), so the account
// is its subdomain (or id). The user's URL is kept in the settings: FreeAgent counts requests per
// user, so it is the connection's allowance key, and their access level says what can be synced.
// Two requests while a person waits, before the connection (and its allowance) exists: not retried.

const companyBody = z.looseObject({ company });
const meBody = z.looseObject({ user });

export async function freeagentAccount(config: FreeAgentConfig, accessToken: string): Promise<AccountIdentity> {
  const http = new HttpClient({ maxAttempts: 1, parseJson: parseJsonLosslessly });
  const get = async <S extends z.ZodType>(path: string, schema: S) => schema.parse((await http.json(`${config.apiUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })).body);
  const { company: c } = await get("/company", companyBody);
  const { user: me } = await get("/users/me", meBody);
  const externalAccountId = c.subdomain ?? (c.id === null || c.id === undefined ? c.name : String(c.id));
  return {
    externalAccountId,
    displayName: `FreeAgent · ${c.name}`,
    settings: { userUrl: me.url, permissionLevel: me.permission_level },
  };
}
