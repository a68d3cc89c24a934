// The operations behind `npm run db:*`, the dev runner and the test harness: create a migration
// from the schema diff, apply pending migrations, reset a database.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import {
  asError,
  diffMigrationsToSchema,
  lockfileContent,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  NO_FILTER,
  openSchemaEngine,
  readMigrations,
  readSchema,
  SCHEMA_PATH,
  type Engine,
} from "./schema-engine";

const PROVIDER = "postgresql";

export type CreatedMigration = { name: string; path: string; sql: string };

/** Prisma's folder naming: UTC yyyyMMddHHmmss, then the name in snake case. */
export function migrationFolderName(name: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (!slug) throw new Error(`Migration name "${name}" has no letters or digits.`);
  return `${stamp}_${slug}`;
}

/**
 * Writes prisma/migrations/<stamp>_<name>/migration.sql with the SQL that takes the migrations
 * folder to schema.prisma, or returns null when they already agree. `shadowUrl` is any database
 * on a server where the engine may create (and drop) a temporary shadow database.
 */
export async function createMigration(options: {
  name: string;
  shadowUrl: string;
  migrationsDir?: string;
  schemaPath?: string;
}): Promise<CreatedMigration | null> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const folder = migrationFolderName(options.name);
  const schema = await readSchema(options.schemaPath ?? SCHEMA_PATH);
  const migrations = await readMigrations(migrationsDir);
  assertLockfileProvider(migrations.lockfile.content);

  const engine = await openSchemaEngine(options.shadowUrl, schema);
  try {
    const sql = await diffMigrationsToSchema(engine, migrations, schema);
    if (!sql) return null;
    const path = join(migrationsDir, folder);
    if (existsSync(path)) throw new Error(`${path} already exists.`);
    await mkdir(path, { recursive: true });
    await writeFile(join(path, "migration.sql"), sql);
    await writeFile(join(migrationsDir, LOCKFILE_NAME), lockfileContent(PROVIDER));
    return { name: folder, path, sql };
  } finally {
    await engine.close();
  }
}

function assertLockfileProvider(content: string | null) {
  if (content === null) return;
  const provider = /provider\s*=\s*"([^"]+)"/.exec(content)?.[1];
  if (provider && provider !== PROVIDER) {
    throw new Error(`prisma/migrations/${LOCKFILE_NAME} says provider "${provider}", but this project uses "${PROVIDER}".`);
  }
}

/** SQL still missing from the migrations folder to reach schema.prisma ("" when in sync). */
export async function pendingSchemaChanges(options: { shadowUrl: string; migrationsDir?: string; schemaPath?: string }): Promise<string> {
  const schema = await readSchema(options.schemaPath ?? SCHEMA_PATH);
  const migrations = await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const engine = await openSchemaEngine(options.shadowUrl, schema);
  try {
    return await diffMigrationsToSchema(engine, migrations, schema);
  } finally {
    await engine.close();
  }
}

/** Applies every migration not yet recorded in the database's `_prisma_migrations`. */
export async function deployMigrations(url: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(migrationsDir);
  if (migrations.migrationDirectories.length === 0) {
    throw new Error(`No migrations in ${migrationsDir}. Create the first with: npm run db:migrate -- --name init`);
  }
  const engine = await openSchemaEngine(url);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrations, filters: NO_FILTER }).catch(async (error: unknown) => {
      throw (await explainDivergedHistory(engine, migrations)) ?? asError(error);
    });
    return appliedMigrationNames;
  } finally {
    await engine.close();
  }
}

// The usual cause of a failed deploy locally: prisma/migrations was regenerated (e.g. a new
// `init`), so the database holds migrations the folder no longer has and the new ones collide.
async function explainDivergedHistory(engine: Engine, migrations: MigrationList): Promise<Error | undefined> {
  const { history } = await engine
    .diagnoseMigrationHistory({ migrationsList: migrations, optInToShadowDatabase: false, filters: NO_FILTER })
    .catch(() => ({ history: null }));
  if (history?.diagnostic !== "historiesDiverge" && history?.diagnostic !== "migrationsDirectoryIsBehind") return undefined;
  return new Error(
    `The database has migrations that prisma/migrations does not (${history.unpersistedMigrationNames.join(", ")}), ` +
      `so the folder was probably regenerated. Rebuild the database from the folder with: npm run db:reset (erases its data).`,
  );
}

/** Drops everything in the database's schema (tables, types, migration history) and recreates it empty. */
export async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string }>("SELECT current_schema() AS schema");
    const schema = client.escapeIdentifier(rows[0]?.schema ?? "public");
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
  } finally {
    await client.end();
  }
}

/** Creates `database` on the server of `serverUrl` unless it exists. Returns true if it was created. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  } finally {
    await client.end();
  }
}
