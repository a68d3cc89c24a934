import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseUrl } from "@/dev/test/test-database";
import { createMigration, deployMigrations, migrationFolderName, pendingSchemaChanges, resetDatabase } from "./migrations";
import { MIGRATIONS_DIR } from "./schema-engine";

const { adminUrl, prefix } = inject("testDatabase");

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return databaseUrl(adminUrl, name);
}

async function tableNames(url: string): Promise<string[]> {
  const { rows } = await withClient(url, (c) =>
    c.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"),
  );
  return rows.map((r) => r.tablename);
}

describe("schema drift", () => {
  it("prisma/migrations reproduce prisma/schema.prisma exactly", async () => {
    const missing = await pendingSchemaChanges({ shadowUrl: adminUrl });
    expect(missing, `schema.prisma has changes no migration contains. Create one: npm run db:migrate -- --name <change>\n${missing}`).toBe("");
  });
});

describe("db:deploy on an empty database", () => {
  it("applies every migration folder and records each one in _prisma_migrations as the Prisma CLI does", async () => {
    const url = await emptyDatabase();
    const { stdout } = await promisify(execFile)(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "dev/db/migrate-cli.ts", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
    });

    const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(stdout).toContain(`Applied ${folders.length} migration(s)`);

    const { rows } = await withClient(url, (c) =>
      c.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      const sql = await readFile(join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
    expect(await tableNames(url)).toEqual(expect.arrayContaining(["User", "Workspace", "Membership", "_prisma_migrations"]));

    expect(await deployMigrations(url)).toEqual([]);
  }, 60_000);
});

describe("deployMigrations with hand-written SQL", () => {
  it("runs a script with a dollar-quoted function body whole, and rolls the whole migration back on error", async () => {
    const url = await emptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), "meridian-migrations-"));
    const write = async (name: string, sql: string) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, "migration.sql"), sql);
    };
    try {
      await write(
        "20260101000000_trigger",
        `CREATE TABLE "Thing" ("id" INTEGER NOT NULL, "label" TEXT);
CREATE FUNCTION label_thing() RETURNS trigger AS $$ BEGIN NEW."label" := 'thing;' || NEW."id"; RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER label_thing BEFORE INSERT ON "Thing" FOR EACH ROW EXECUTE FUNCTION label_thing();
`,
      );
      expect(await deployMigrations(url, dir)).toEqual(["20260101000000_trigger"]);
      const { rows } = await withClient(url, (c) => c.query(`INSERT INTO "Thing" ("id") VALUES (7) RETURNING "label"`));
      expect(rows[0].label).toBe("thing;7");

      await write("20260102000000_broken", `CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "Missing";\n`);
      await expect(deployMigrations(url, dir)).rejects.toThrow();
      expect(await tableNames(url)).not.toContain("Half");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("deployMigrations after prisma/migrations was regenerated", () => {
  it("explains that the database's history diverged and points at db:reset", async () => {
    const url = await emptyDatabase();
    const sql = `CREATE TABLE "Thing" ("id" INTEGER NOT NULL PRIMARY KEY);\n`;
    const folder = async (name: string) => {
      const dir = await mkdtemp(join(tmpdir(), "meridian-migrations-"));
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, "migration.sql"), sql);
      return dir;
    };
    const before = await folder("20260101000000_init");
    const regenerated = await folder("20260202000000_init");
    try {
      await deployMigrations(url, before);
      await expect(deployMigrations(url, regenerated)).rejects.toThrow(/20260101000000_init.*npm run db:reset/);
    } finally {
      await rm(before, { recursive: true, force: true });
      await rm(regenerated, { recursive: true, force: true });
    }
  });
});

describe("resetDatabase", () => {
  it("leaves an empty schema that a deploy rebuilds", async () => {
    const url = await emptyDatabase();
    await deployMigrations(url);
    await withClient(url, (c) => c.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ('u1', 'x@example.com', now())`));

    await resetDatabase(url);
    expect(await tableNames(url)).toEqual([]);

    await deployMigrations(url);
    const { rows } = await withClient(url, (c) => c.query(`SELECT count(*)::int AS n FROM "User"`));
    expect(rows[0].n).toBe(0);
  });
});

describe("createMigration (npm run db:migrate)", () => {
  let dir: string;
  const schemaPath = () => join(dir, "schema.prisma");
  const migrationsDir = () => join(dir, "migrations");
  const writeSchema = (models: string) => writeFile(schemaPath(), `datasource db {\n  provider = "postgresql"\n}\n\n${models}`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "meridian-migrate-test-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("writes the first migration from an empty folder, then only the difference, and nothing when in sync", async () => {
    const options = { shadowUrl: adminUrl, migrationsDir: migrationsDir(), schemaPath: schemaPath() };
    await writeSchema(`model Widget {\n  id Int @id\n}\n`);

    const first = await createMigration({ ...options, name: "Init" });
    expect(first?.name).toMatch(/^\d{14}_init$/);
    expect(first?.sql).toContain(`CREATE TABLE "Widget"`);
    expect(await readFile(join(migrationsDir(), "migration_lock.toml"), "utf8")).toContain(`provider = "postgresql"`);

    expect(await createMigration({ ...options, name: "again" })).toBeNull();
    expect(await pendingSchemaChanges(options)).toBe("");

    await writeSchema(`model Widget {\n  id   Int    @id\n  name String?\n}\n\nmodel Gadget {\n  id Int @id\n}\n`);
    expect(await pendingSchemaChanges(options)).toContain(`CREATE TABLE "Gadget"`);

    // Folder names carry a one-second timestamp; keep the second migration's name distinct.
    await new Promise((r) => setTimeout(r, 1000));
    const second = await createMigration({ ...options, name: "add gadget" });
    expect(second?.name).toMatch(/^\d{14}_add_gadget$/);
    expect(second?.sql).toContain(`CREATE TABLE "Gadget"`);
    expect(second?.sql).toContain(`ADD COLUMN     "name" TEXT`);
    expect(second?.sql).not.toContain(`CREATE TABLE "Widget"`);

    const url = await emptyDatabase();
    expect(await deployMigrations(url, migrationsDir())).toEqual([first!.name, second!.name]);
    expect(await tableNames(url)).toEqual(["Gadget", "Widget", "_prisma_migrations"]);
  });
});

describe("migrationFolderName", () => {
  it("is a UTC timestamp plus the name in snake case", () => {
    expect(migrationFolderName("Add Orders-table!", new Date("2026-03-04T05:06:07Z"))).toBe("20260304050607_add_orders_table");
    expect(() => migrationFolderName("--")).toThrow(/no letters or digits/);
  });
});
