// Vitest setup file: runs in the worker before each test file is imported. Gives the file its own
// database cloned from the migrated template and points DATABASE_URL at it, so `@/server/db`
// (which reads the URL when first imported) connects there. Global teardown drops them all.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { databaseUrl } from "./test-database";

const { adminUrl, template, prefix } = inject("testDatabase");
const name = `${prefix}_${randomBytes(6).toString("hex")}`;

const started = Date.now();
const client = new pg.Client({ connectionString: adminUrl });
await client.connect();
try {
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
} finally {
  await client.end();
}
if (process.env.TEST_DB_TIMING) console.log(`[test-db] ${name} created in ${Date.now() - started} ms`);

process.env.DATABASE_URL = databaseUrl(adminUrl, name);
