import { describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { AuthExpiredError, PermanentError, RateLimitedError, TransientError } from "@/server/connectors/_core/errors";
import { db } from "@/server/db";
import { IngestCountMismatchError } from "@/server/ingest";
import { FailRunNowError, RetryStepAfterError } from "@/server/services/jobs/job-errors";
import { runSyncBatch } from "./run-sync-batch";
import { syncFailure } from "./sync-errors";

describe("syncFailure", () => {
  it("turns a refused token into re-authorization (the one path: audited, owners and admins emailed) and a failure without retries", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const admin = await buildMember(workspace.id, "ADMIN");
    const connection = await buildConnection(workspace.id, { encryptedCredentials: "v1:sealed:tokens:the:provider-refused" });
    const refused = new AuthExpiredError("Credentials refused (HTTP 401)", { status: 401 });
    const mapped = await syncFailure(refused, connection.id);
    expect(mapped).toBeInstanceOf(FailRunNowError);
    expect((mapped as Error).message).toContain("Credentials refused");
    expect(await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({ status: "NEEDS_REAUTH", encryptedCredentials: null });

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: connection.id } });
    expect(audit).toMatchObject({ workspaceId: workspace.id, action: "connection.needs_reauth", actorId: null });
    expect(audit.metadata).toMatchObject({ provider: "SHOPIFY", previousStatus: "ACTIVE", reason: "Credentials refused (HTTP 401)" });
    const mail = await db.emailOutbox.findMany({ where: { workspaceId: workspace.id, template: "connection-needs-reauth" } });
    expect(mail.map((m) => m.to).sort()).toEqual([owner.email, admin.user.email].sort());
    expect(mail[0]!.html).toContain(`/api/connections/shopify/install?workspace=${workspace.slug}`);

    // A second refusal (the next batch, a retried step) finds it marked: nothing written or sent twice.
    expect(await syncFailure(refused, connection.id)).toBeInstanceOf(FailRunNowError);
    expect(await db.auditLog.count({ where: { targetId: connection.id } })).toBe(1);
    expect(await db.emailOutbox.count({ where: { workspaceId: workspace.id, template: "connection-needs-reauth" } })).toBe(2);
  });

  it("retries a rate limit after the provider's delay, fails permanent errors and bad counts at once, retries the rest as is", async () => {
    const rateLimited = await syncFailure(new RateLimitedError("Throttled", { retryAfterMs: 4_000 }), "unused");
    expect(rateLimited).toBeInstanceOf(RetryStepAfterError);
    expect((rateLimited as RetryStepAfterError).retryAfterMs).toBe(4_000);

    const permanent = await syncFailure(new PermanentError("Unexpected Shopify payload for orders page"), "unused");
    expect(permanent).toBeInstanceOf(FailRunNowError);
    expect((permanent as Error).message).toBe("Unexpected Shopify payload for orders page");
    expect(await syncFailure(new IngestCountMismatchError("orders: read 10 but accounted for 9"), "unused")).toBeInstanceOf(FailRunNowError);

    const gone = await runSyncBatch({ connectionId: "removed-meanwhile", stream: "orders", jobRunId: "unused" }).catch((error: unknown) => error);
    expect(await syncFailure(gone, "removed-meanwhile")).toBeInstanceOf(FailRunNowError);

    const transient = new TransientError("HTTP 503");
    expect(await syncFailure(transient, "unused")).toBe(transient);
  });
});
