import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { disconnectConnection } from "@/server/services/connections/disconnect-connection";
import { findConnections } from "@/server/services/connections/find-connections";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import { connectionIdInput, setConnectionPausedInput, setSyncFrequencyInput } from "@/server/services/connections/schema";
import { setConnectionPaused } from "@/server/services/connections/set-connection-paused";
import { setSyncFrequency } from "@/server/services/connections/set-sync-frequency";

export const connectionRouter = createTRPCRouter({
  list: workspaceProcedure("connections.read").query(({ ctx }) => findConnections(ctx.wdb)),

  // Returns the queued (or already queued/running) sync run, so the UI can follow it in Jobs.
  syncNow: workspaceProcedure("connections.manage")
    .input(connectionIdInput)
    .mutation(({ ctx, input }) => requestConnectionSync(ctx.wdb, ctx.workspace.id, input, { trigger: "MANUAL", actor: auditActorOf(ctx) })),

  setPaused: workspaceProcedure("connections.manage")
    .input(setConnectionPausedInput)
    .mutation(({ ctx, input }) => setConnectionPaused(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  setFrequency: workspaceProcedure("connections.manage")
    .input(setSyncFrequencyInput)
    .mutation(({ ctx, input }) => setSyncFrequency(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  disconnect: workspaceProcedure("connections.manage")
    .input(connectionIdInput)
    .mutation(({ ctx, input }) => disconnectConnection(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),
});
