import type { OAuthAccess } from "../_core/auth";
import type { ConnectionContext } from "../_core/connector";
import type { AllowancePacing } from "./allowance-pacing";
import { FreeAgentClient, type FreeAgentClientOptions } from "./client";
import type { FreeAgentConfig } from "./config";

// A FreeAgent connection's client: its access token, and its requests drawn from its authorising
// user's allowance (FreeAgent counts requests per user, whichever app or token makes them).

export type FreeAgentConnection = ConnectionContext<FreeAgentConfig, OAuthAccess>;

/** The allowance a connection draws from: its authorising user's (kept by the connect as `settings.userUrl`). */
export function allowanceKey(connection: { externalAccountId: string; settings: Readonly<Record<string, unknown>> }): string {
  const user = connection.settings.userUrl;
  return `freeagent:${typeof user === "string" ? user : connection.externalAccountId}`;
}

export type ClientTuning = Pick<FreeAgentClientOptions, "timeoutMs" | "onRequest"> & Pick<AllowancePacing, "sleep" | "now">;

/** A client for `ctx`, whose waits for room end by `deadline`. */
export function connectionClient(ctx: FreeAgentConnection, deadline: number, tuning: ClientTuning = {}): FreeAgentClient {
  const { sleep, now, ...client } = tuning;
  return new FreeAgentClient({
    apiUrl: ctx.config.apiUrl,
    token: async (refused) => (await ctx.credentials(refused ? { refused } : undefined)).accessToken,
    pacing: { allowance: ctx.allowance, key: allowanceKey(ctx), windows: ctx.config.windows, deadline, sleep, now },
    ...client,
  });
}
