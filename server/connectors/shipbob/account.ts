import type { AccountIdentity } from "../_core/auth";
import { ShipBobClient } from "./client";
import { API_VERSION, type ShipBobConfig } from "./config";
import { channel, type Channel } from "./payloads";
import type { TokenPacers } from "./request-pacer";

// Who a token (pasted, or issued through OAuth) belongs to: one read of the channel list. Writes
// (orders, products, returns) must carry the id of a channel allowed to write
// (`shipbob_channel_id`), so that channel names the account and its id is kept in the settings;
// both ways of connecting name the same account the same way.

/** The channel writes go through: the first whose scopes include a `*_write` one, else the first. */
function writeChannel(channels: readonly Channel[]): Channel | undefined {
  return channels.find((c) => c.scopes?.some((s) => s.endsWith("_write"))) ?? channels[0];
}

/**
 * The account `token` opens, or null when it opens no channel. One request, not retried: a person
 * is waiting. ShipBob refusing the token is AuthExpiredError; it not answering, a typed error.
 */
export async function shipbobAccount(config: ShipBobConfig, token: string, pacers: TokenPacers): Promise<AccountIdentity | null> {
  const client = new ShipBobClient(config.apiUrl, token, { pacers, maxAttempts: 1 });
  const { items } = await client.cursorPage(`/${API_VERSION}/channel?RecordsPerPage=250`, channel);
  const chosen = writeChannel(items);
  if (!chosen) return null;
  return { externalAccountId: String(chosen.id), displayName: chosen.name, settings: { channelId: chosen.id, channelName: chosen.name } };
}
