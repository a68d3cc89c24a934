import type { AccountIdentity } from "../_core/auth";
import { ShipBobClient } from "./client";
import { API_VERSION, type ShipBobConfig } from "./config";
import { channel, type Channel } from "./payloads";
import type { TokenPacers } from "./request-pacer";

// Who a token (pasted, or issued through OAuth) belongs to: one read of the channel list, which
// holds the channels the token can access (developer.shipbob.com/auth). ShipBob keeps every
// personal access token of an account on one channel of its single-merchant application ("SMA")
// and gives each OAuth installation a channel of its own, so the channel a token writes through
// differs by the way it was made and cannot name the account. The account's "ShipBob Default"
// channel (application "ShipBob") can: both ways see it. That every account's list holds it is
// inferred from the GET channel example of ShipBob's 2025-07 and 2026-01 OpenAPI (a PAT's list:
// its SMA channel and "ShipBob Default"), not confirmed; a list without it falls back to the
// write channel, and then a token and an OAuth grant of one account make two connections.

const SHIPBOB_APPLICATION = "SHIPBOB";
const PERSONAL_TOKEN_APPLICATION = "SMA";

const applicationOf = (c: Channel) => c.application_name?.toUpperCase();
const canWrite = (c: Channel) => c.scopes?.some((s) => s.endsWith("_write")) ?? false;

/**
 * The account's name in Meridian: "ShipBob · " and its stores' channels (the channels neither
 * ShipBob's own, nor a token's, nor an installation the token writes through), which a person
 * knows the account by and which both ways of connecting see; without one, the account's id.
 */
function accountName(channels: readonly Channel[], accountId: string): string {
  const stores = channels.filter((c) => !canWrite(c) && applicationOf(c) !== SHIPBOB_APPLICATION && applicationOf(c) !== PERSONAL_TOKEN_APPLICATION);
  return `ShipBob · ${stores.length ? stores.map((c) => c.name).join(", ") : accountId}`;
}

/**
 * The account `token` opens, or null when it opens no channel. One request, not retried: a person
 * is waiting. ShipBob refusing the token is AuthExpiredError; it not answering, a typed error.
 * The settings keep the channel this way of connecting writes through (its id is ShipBob's
 * `shipbob_channel_id` on writes): the first with a `*_write` scope, else the first.
 */
export async function shipbobAccount(config: ShipBobConfig, token: string, pacers: TokenPacers): Promise<AccountIdentity | null> {
  const client = new ShipBobClient(config.apiUrl, token, { pacers, maxAttempts: 1 });
  const { items } = await client.cursorPage(`/${API_VERSION}/channel?RecordsPerPage=250`, channel);
  const writeChannel = items.find(canWrite) ?? items[0];
  if (!writeChannel) return null;
  const accountChannel = items.find((c) => applicationOf(c) === SHIPBOB_APPLICATION) ?? writeChannel;
  const externalAccountId = String(accountChannel.id);
  return { externalAccountId, displayName: accountName(items, externalAccountId), settings: { channelId: writeChannel.id, channelName: writeChannel.name } };
}
