import { z } from "zod";
import { CredentialsRefusedError, type ConnectorAuth } from "../_core/auth";
import { AuthExpiredError } from "../_core/errors";
import { ShipBobClient } from "./client";
import { API_VERSION, type ShipBobConfig } from "./config";
import { channel, type Channel } from "./payloads";
import { registerShipBobWebhooks } from "./register-webhooks";
import type { TokenPacers } from "./request-pacer";

// Connecting with a personal access token (Integrations → API Tokens in ShipBob): one read of the
// channel list checks it and names the account. Writes (orders, products, returns) must carry the
// id of a channel allowed to write (`shipbob_channel_id`), so that id is kept in the settings.

export type ShipBobCredentials = { token: string };

/** The channel writes go through: the first whose scopes include a `*_write` one, else the first. */
export function writeChannel(channels: readonly Channel[]): Channel | undefined {
  return channels.find((c) => c.scopes?.some((s) => s.endsWith("_write"))) ?? channels[0];
}

export function createShipBobAuth(pacers: TokenPacers) {
  return {
    kind: "credentials",
    fields: [
      {
        name: "token",
        label: "Personal access token",
        type: "secret",
        hint: "In ShipBob: Integrations → API Tokens → Generate New Token.",
      },
    ],
    schema: z.object({ token: z.string().trim().min(1, "Enter the personal access token.") }),
    async verify(config, { token }) {
      let channels: Channel[];
      try {
        const client = new ShipBobClient(config.apiUrl, token, { pacers, maxAttempts: 1 });
        ({ items: channels } = await client.cursorPage(`/${API_VERSION}/channel?RecordsPerPage=250`, channel));
      } catch (error) {
        if (error instanceof AuthExpiredError) throw new CredentialsRefusedError("ShipBob does not accept this token.", "token", { cause: error });
        throw error;
      }
      const chosen = writeChannel(channels);
      if (!chosen) throw new CredentialsRefusedError("This token opens no ShipBob channel.", "token");
      return {
        externalAccountId: String(chosen.id),
        displayName: chosen.name,
        settings: { channelId: chosen.id, channelName: chosen.name },
      };
    },
    async afterConnect(ctx) {
      await registerShipBobWebhooks(ctx, pacers);
    },
  } satisfies ConnectorAuth<ShipBobConfig, ShipBobCredentials>;
}
