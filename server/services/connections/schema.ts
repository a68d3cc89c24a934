import { z } from "zod";

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
