// Vitest global setup: one PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL's server),
// migrations applied once into a template database that each test file clones (setup-database.ts).
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startThrowawayPostgres, type EmbeddedPostgres } from "../db/embedded-postgres";
import { deployMigrations } from "../db/migrations";
import { databaseUrl } from "./test-database";

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  let server: EmbeddedPostgres | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    server = await startThrowawayPostgres();
    adminUrl = server.url("postgres");
  }

  // Unique per run, so concurrent runs can share one TEST_DATABASE_URL server.
  const prefix = `meridian_test_${randomBytes(4).toString("hex")}`;
  const template = `${prefix}_template`;
  try {
    await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${template}"`));
    await deployMigrations(databaseUrl(adminUrl, template));
  } catch (error) {
    await server?.stop();
    throw error;
  }
  project.provide("testDatabase", { adminUrl, template, prefix });
  if (process.env.TEST_DB_TIMING) console.log(`[test-db] ${server ? "embedded PostgreSQL" : "TEST_DATABASE_URL"} ready with migrated template in ${Date.now() - started} ms`);

  return async () => {
    if (server) return server.stop();
    await admin(adminUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  };
}
