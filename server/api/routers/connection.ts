import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { checkConnectAccount } from "@/server/services/connections/begin-connect";
import { createConnection } from "@/server/services/connections/create-connection";
import { disconnectConnection } from "@/server/services/connections/disconnect-connection";
import { findConnections } from "@/server/services/connections/find-connections";
import { listCredentialAccounts } from "@/server/services/connections/list-credential-accounts";
import { listConnectorChoices } from "@/server/services/connections/list-connectors";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import {
  checkConnectAccountInput,
  connectionIdInput,
  createConnectionInput,
  listCredentialAccountsInput,
  setConnectionPausedInput,
  setSyncFrequencyInput,
} from "@/server/services/connections/schema";
import { setConnectionPaused } from "@/server/services/connections/set-connection-paused";
import { setSyncFrequency } from "@/server/services/connections/set-sync-frequency";

export const connectionRouter = createTRPCRouter({
  list: workspaceProcedure("connections.read").query(({ ctx }) => findConnections(ctx.wdb)),

  // The picker: every provider, what it syncs, how it connects, and whether this server has it on.
  providers: workspaceProcedure("connections.manage").query(() => listConnectorChoices()),

  // Before an OAuth form leaves for the provider: the account as the install route will take it,
  // or why not (shown under the field).
  checkAccount: workspaceProcedure("connections.manage")
    .input(checkConnectAccountInput)
    .query(({ ctx, input }) => checkConnectAccount(ctx.workspace.id, input)),

  // Providers that connect with an API key, token or key file: checked live, then stored encrypted.
  create: workspaceProcedure("connections.manage")
    .input(createConnectionInput)
    .mutation(({ ctx, input }) => createConnection({ workspaceId: ctx.workspace.id, userId: ctx.user.id, actor: auditActorOf(ctx) }, input)),

  // Before create, for a connector whose credentials open several accounts: which ones, to pick
  // from. A mutation: the values travel in the body, never in a URL.
  credentialAccounts: workspaceProcedure("connections.manage")
    .input(listCredentialAccountsInput)
    .mutation(({ input }) => listCredentialAccounts(input)),

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
