// `npm run dev` runs this once the sandbox ShipBob is up and the Inngest runner has synced the app
// (tsx --conditions=react-server, like the app's server code): connects Demo Brand to the sandbox's
// demo account with its personal access token through createConnection (what connection.create
// runs: the one live check, encrypted storage, audit, first sync). Idempotent.
import "@/inngest/register-job-runner";
import { SHIPBOB_DEV } from "@/dev/sandbox/shipbob/config";
import { db } from "@/server/db";
import { appUrl } from "@/server/env";
import { startBackfill } from "@/server/services/connections/after-connect";
import { createConnection } from "@/server/services/connections/create-connection";
import { syncsOnSchedule } from "@/server/services/connections/sync-status";
import { DEMO_USER_EMAIL, DEMO_WORKSPACE_SLUG } from "./factories/demo";

async function main() {
  const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_USER_EMAIL }, select: { id: true } });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE_SLUG }, select: { id: true } });
  const connections = `${appUrl()}/w/${DEMO_WORKSPACE_SLUG}/connections`;

  const existing = await db.connection.findFirst({ where: { workspaceId: workspace.id, provider: "SHIPBOB" }, select: { id: true, status: true, displayName: true } });
  if (existing) {
    // Connected by an earlier start that stopped before its first sync was requested (unless paused since).
    const synced = await db.jobRun.count({ where: { connectionId: existing.id, kind: "sync" } });
    const backfill = synced || !syncsOnSchedule(existing.status) ? undefined : await startBackfill(workspace.id, existing.id);
    console.log(`• Demo Brand is connected to the sandbox ShipBob (${existing.displayName}); open Connections: ${connections}`);
    if (backfill) console.log(`  First sync (BACKFILL) requested: run ${backfill.jobRunId}`);
    return;
  }
  const created = await createConnection(
    { workspaceId: workspace.id, userId: user.id, actor: { actorId: user.id, ip: null, userAgent: "meridian-dev-seed" } },
    { provider: "SHIPBOB", credentials: { token: SHIPBOB_DEV.pat } },
  );
  console.log(`• Demo Brand is now connected to the sandbox ShipBob (${created.displayName}), its first sync requested; open Connections: ${connections}`);
}

main()
  .catch((error: unknown) => {
    console.error(`Could not connect Demo Brand to the sandbox ShipBob: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
