import { z } from "zod";
import { PROVIDERS } from "@/server/connectors/providers";

// A provider named by a request: one Meridian has a connector for.
export const providerInput = z.enum(PROVIDERS, { error: "Unknown provider" });

// How often a connection syncs on schedule: 15 min, 1 h, 6 h or 24 h.
export const SYNC_FREQUENCIES_MINUTES = [15, 60, 360, 1440] as const;
export type SyncFrequencyMinutes = (typeof SYNC_FREQUENCIES_MINUTES)[number];

export const syncFrequencyMinutes = z.literal(SYNC_FREQUENCIES_MINUTES, {
  error: `Sync frequency must be one of ${SYNC_FREQUENCIES_MINUTES.join(", ")} minutes`,
});

export const connectionIdInput = z.object({ connectionId: z.string().min(1) });
export type ConnectionIdInput = z.infer<typeof connectionIdInput>;

export const setConnectionPausedInput = connectionIdInput.extend({ paused: z.boolean() });
export type SetConnectionPausedInput = z.infer<typeof setConnectionPausedInput>;

export const setSyncFrequencyInput = connectionIdInput.extend({ syncFrequencyMinutes });
export type SetSyncFrequencyInput = z.infer<typeof setSyncFrequencyInput>;

// Credentials as entered, by field name; the provider's connector checks each field. Large enough
// for a service-account key file (a few kB), small enough to refuse anything else.
export const createConnectionInput = z.object({
  provider: providerInput,
  credentials: z.record(z.string().max(64), z.string().max(16_384, "That is too long for a credential.")),
  /** The account picked among those the credentials open, for a connector that lets the person choose. */
  account: z.string().trim().min(1).max(255).optional(),
});
export type CreateConnectionInput = z.infer<typeof createConnectionInput>;

// The credentials whose accounts to list, before one is picked and connection.create is sent.
export const listCredentialAccountsInput = createConnectionInput.omit({ account: true });
export type ListCredentialAccountsInput = z.infer<typeof listCredentialAccountsInput>;

// An OAuth account typed before the redirect (a store's address).
export const checkConnectAccountInput = z.object({ provider: providerInput, account: z.string().max(255) });
export type CheckConnectAccountInput = z.infer<typeof checkConnectAccountInput>;
