import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { DEMO_USER_EMAIL, DEMO_WORKSPACE_SLUG, seedDemoData } from "./demo";

describe("seedDemoData", () => {
  afterAll(() => db.$disconnect());

  it("creates the demo user as OWNER of Demo Brand, and re-running changes nothing", async () => {
    const first = await seedDemoData(db);
    await db.membership.update({ where: { id: first.membership.id }, data: { role: "VIEWER" } });
    const second = await seedDemoData(db);

    expect(second.user.id).toBe(first.user.id);
    expect(second.workspace).toMatchObject({ id: first.workspace.id, name: "Demo Brand", slug: DEMO_WORKSPACE_SLUG });
    expect(await db.user.count({ where: { email: DEMO_USER_EMAIL } })).toBe(1);
    expect(await db.workspace.count({ where: { slug: DEMO_WORKSPACE_SLUG } })).toBe(1);
    expect(await db.membership.findMany({ where: { workspaceId: first.workspace.id }, select: { userId: true, role: true } })).toEqual([
      { userId: first.user.id, role: "OWNER" },
    ]);
  });
});
