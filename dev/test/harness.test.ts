import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "@/server/db";

describe("test database harness", () => {
  afterAll(() => db.$disconnect());

  it("gives this file its own database, cloned from the run's migrated template", async () => {
    const { template, prefix } = inject("testDatabase");
    const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    expect(database.startsWith(`${prefix}_`)).toBe(true);
    expect(database).not.toBe(template);

    const [row] = await db.$queryRaw<{ current_database: string }[]>`SELECT current_database()`;
    expect(row?.current_database).toBe(database);
  });

  it("has every migration applied", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
        `SELECT migration_name, finished_at FROM "_prisma_migrations"`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await client.end();
    }
    expect(await db.user.count()).toBe(0);
  });
});
