// `npm run db:migrate -- --name <x>` | `npm run db:deploy` | `npm run db:reset [-- --force]`
// Prisma's migrate commands, run through the WebAssembly schema engine (dev/db/schema-engine.ts).
// Database: DATABASE_URL when set, otherwise the embedded dev database in .data/postgres
// (the running `npm run dev` server if there is one).
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { openDevDatabase } from "./dev-database";
import { loadLocalEnv } from "./local-env";
import { startThrowawayPostgres } from "./embedded-postgres";
import { createMigration, deployMigrations, resetDatabase } from "./migrations";
import { runSeed } from "./run-seed";

const USAGE = `Usage:
  npm run db:migrate -- --name <name>   create prisma/migrations/<timestamp>_<name> from schema.prisma
  npm run db:deploy                     apply pending migrations
  npm run db:reset [-- --force]         drop everything, apply all migrations, seed`;

class UsageError extends Error {}

async function create(args: string[]) {
  const { values } = parseArgs({ args, options: { name: { type: "string", short: "n" } }, strict: true });
  if (!values.name) throw new UsageError("Missing --name, e.g. npm run db:migrate -- --name add_orders");

  // The engine replays the existing migrations into a temporary shadow database to diff against;
  // without DATABASE_URL a throwaway server hosts it, so the dev database is never touched.
  const databaseUrl = process.env.DATABASE_URL;
  const throwaway = databaseUrl ? undefined : await startThrowawayPostgres();
  try {
    const created = await createMigration({ name: values.name, shadowUrl: databaseUrl ?? throwaway!.url("postgres") });
    if (!created) {
      console.log("No changes: prisma/schema.prisma matches prisma/migrations. Nothing created.");
      return;
    }
    console.log(`Created ${relative(process.cwd(), created.path)}/migration.sql`);
    console.log("Review it, then apply with: npm run db:deploy (npm run dev applies pending migrations when it starts).");
  } finally {
    await throwaway?.stop();
  }
}

async function deploy() {
  const database = await openDevDatabase({ databaseUrl: process.env.DATABASE_URL, reuseRunning: true });
  try {
    const applied = await deployMigrations(database.url);
    console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "Database is up to date; no pending migrations.");
  } finally {
    await database.stop();
  }
}

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "[::1]";
}

async function reset(args: string[]) {
  const { values } = parseArgs({ args, options: { force: { type: "boolean", short: "f" } }, strict: true });
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl && !isLocal(databaseUrl) && !values.force) {
    throw new UsageError(`DATABASE_URL points at ${new URL(databaseUrl).host}, not this machine. Re-run with -- --force to erase it.`);
  }
  const database = await openDevDatabase({ databaseUrl, reuseRunning: true });
  try {
    await resetDatabase(database.url);
    console.log("Dropped all tables and data.");
    const applied = await deployMigrations(database.url);
    console.log(`Applied ${applied.length} migration(s).`);
    await runSeed(database.url);
  } finally {
    await database.stop();
  }
}

async function main() {
  loadLocalEnv();
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case "create":
      return create(args);
    case "deploy":
      return deploy();
    case "reset":
      return reset(args);
    default:
      throw new UsageError(`Unknown command "${command ?? ""}".`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
