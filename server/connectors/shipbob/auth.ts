import { z } from "zod";
import { CredentialsRefusedError, type ConnectorAuth } from "../_core/auth";
import type { ConnectionContext } from "../_core/connector";
import { AuthExpiredError } from "../_core/errors";
import { shipbobAccount } from "./account";
import type { ShipBobConfig } from "./config";
import type { ShipBobCredentials, ShipBobToken } from "./credentials";
import { createShipBobOAuth } from "./oauth";
import { registerShipBobWebhooks } from "./register-webhooks";
import type { TokenPacers } from "./request-pacer";

// Both ways ShipBob offers: OAuth (oauth.ts), when this server has an OAuth app, and a personal
// access token an admin pastes (Integrations → API Tokens in ShipBob), checked by the same one
// read of the channel list that names the account (account.ts).

export function createShipBobAuth(pacers: TokenPacers) {
  return {
    oauth: createShipBobOAuth(pacers),
    credentials: {
      label: "Use a personal access token",
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
        let identity;
        try {
          identity = await shipbobAccount(config, token, pacers);
        } catch (error) {
          if (error instanceof AuthExpiredError) throw new CredentialsRefusedError("ShipBob does not accept this token.", "token", { cause: error });
          throw error;
        }
        if (!identity) throw new CredentialsRefusedError("This token opens no ShipBob channel.", "token");
        return identity;
      },
    },
    async afterConnect(ctx: ConnectionContext<ShipBobConfig, ShipBobCredentials>) {
      await registerShipBobWebhooks(ctx, pacers);
    },
  } satisfies ConnectorAuth<ShipBobConfig, ShipBobToken>;
}
