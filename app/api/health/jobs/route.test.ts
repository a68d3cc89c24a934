import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";

import { GET } from "./route";

// server/env reads the environment once, when first imported: set before any import runs.
const TOKEN = vi.hoisted(() => (process.env.HEALTH_TOKEN = "health-token-for-tests-0123456789"));

beforeEach(async () => {
  await db.jobRun.deleteMany();
  await db.connection.deleteMany();
});

const call = (authorization?: string) =>
  GET(new Request("http://localhost/api/health/jobs", { headers: authorization ? { authorization } : {} }));

describe("GET /api/health/jobs", () => {
  it("answers 200 healthy, with detail only for the token holder", async () => {
    await buildTrackedJobRun({ kind: "scheduler", workspaceId: null, status: "SUCCEEDED" });
    const open = await call();
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual({ status: "healthy" });
    expect(open.headers.get("cache-control")).toBe("no-store");

    const detailed = await call(`Bearer ${TOKEN}`);
    expect(detailed.status).toBe(200);
    expect(await detailed.json()).toMatchObject({
      status: "healthy",
      checks: [
        { job: "scheduler", healthy: true },
        { job: "retention", healthy: true, lastSuccessAt: null },
      ],
    });
  });

  it("answers 503 when a scheduled sync failed, naming the tenant only to the token holder", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    await buildTrackedJobRun({ kind: "scheduler", workspaceId: null, status: "SUCCEEDED" });
    const connection = await buildConnection(workspace.id);
    await buildTrackedJobRun({ kind: "sync", workspaceId: workspace.id, connectionId: connection.id, status: "FAILED" });

    const open = await call("Bearer wrong-token");
    expect(open.status).toBe(503);
    const body = await open.json();
    expect(body).toEqual({ status: "unhealthy" });
    expect(JSON.stringify(body)).not.toContain(workspace.slug);

    const detailed = await call(`Bearer ${TOKEN}`);
    expect(detailed.status).toBe(503);
    const checks = ((await detailed.json()) as { checks: Array<Record<string, unknown>> }).checks;
    expect(checks).toContainEqual(
      expect.objectContaining({ job: "sync", connectionId: connection.id, workspaceSlug: workspace.slug, healthy: false, reason: "failed on its last run" }),
    );
  });
});
