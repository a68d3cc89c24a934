import "server-only";
import type { WindowUsage } from "@/server/connectors/_core/request-allowance";
import { connectorFor, registeredProvider } from "@/server/connectors/registry";
import { connectorEnv } from "@/server/env";
import { requestWindows } from "./request-windows";

type UsageOf = { provider: string; externalAccountId: string; settings: unknown };

/**
 * How full each of a connection's request windows is (the Connections card's "Requests this
 * hour"), for a provider whose connector declares them; null when it declares none (on this
 * server's configuration), is not set up on this server, or cannot tell the connection's key.
 */
export async function connectionRequestUsage(connection: UsageOf): Promise<WindowUsage[] | null> {
  const provider = registeredProvider(connection.provider);
  const declared = provider ? connectorFor(provider).requestWindows : undefined;
  if (!provider || !declared) return null;
  const config = connectorFor(provider).config(connectorEnv());
  if (config === null) return null;
  const settings = (connection.settings ?? {}) as Record<string, unknown>;
  const key = declared.key({ externalAccountId: connection.externalAccountId, settings });
  const windows = declared.windows(config);
  return key === null || windows.length === 0 ? null : requestWindows.usage(key, windows);
}
