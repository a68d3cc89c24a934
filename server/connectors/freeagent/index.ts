import type { OAuthAccess } from "../_core/auth";
import type { Connector } from "../_core/connector";
import { createFreeAgentAccounting } from "./accounting";
import { freeagentConfig, type FreeAgentConfig } from "./config";
import { allowanceKey } from "./context";
import { freeagentOAuth } from "./oauth";
import { createFreeAgentSync } from "./sync";

export type { FreeAgentConfig } from "./config";
export { allowanceKey } from "./context";
export { createFreeAgentSync, type FreeAgentSyncOptions } from "./sync";

/** The FreeAgent connector (tests and benchmarks tune its sync with createFreeAgentSync). */
export const freeagentConnector = {
  provider: "FREEAGENT",
  info: {
    name: "FreeAgent",
    category: "accounting",
    summary:
      "Your books from FreeAgent: contacts, invoices and bills, bank accounts with their transactions and explanations, categories and the ledger.",
    setup:
      "Set FREEAGENT_CLIENT_ID and FREEAGENT_CLIENT_SECRET (a FreeAgent OAuth app whose redirect URI is <APP_URL>/api/connections/freeagent/callback) on the server.",
  },
  config: freeagentConfig,
  auth: { oauth: freeagentOAuth },
  sync: createFreeAgentSync(),
  requestWindows: { windows: (config) => config.windows, key: allowanceKey },
  accounting: createFreeAgentAccounting(),
} as const satisfies Connector<FreeAgentConfig, OAuthAccess>;
