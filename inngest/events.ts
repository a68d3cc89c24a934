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

// Ops smoke check: runs `steps` no-op steps, so an operator can verify a deployment's Inngest wiring.
export const diagnosticsNoopRequested = eventType("app/diagnostics.noop.requested", {
  schema: z.object({ steps: z.number().int().min(0).max(50) }),
});

export const events = [connectionSyncRequested, diagnosticsNoopRequested] as const;
