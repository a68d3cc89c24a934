import { eventType } from "inngest";
import { z } from "zod";

// The typed event catalogue: every event Meridian sends or listens to, declared once with its
// data schema. Names follow `app/<noun>.<past-tense-verb>`; never rename one that has shipped.

const jobTrigger = z.enum(["SCHEDULE", "MANUAL", "WEBHOOK", "BACKFILL"]);

export const connectionSyncRequested = eventType("app/connection.sync.requested", {
  schema: z.object({
    workspaceId: z.string().min(1),
    connectionId: z.string().min(1),
    trigger: jobTrigger,
  }),
});

export const events = [connectionSyncRequested] as const;
