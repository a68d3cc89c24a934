import { NonRetriableError, RetryAfterError } from "inngest";
import { describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { AuthExpiredError, PermanentError, RateLimitedError, TransientError } from "@/server/connectors/_core/errors";
import { db } from "@/server/db";
import { IngestCountMismatchError } from "@/server/ingest";
import { runConnectionSyncBatch } from "./run-connection-sync";
import { syncFailure } from "./sync-errors";

describe("syncFailure", () => {
  it("turns a refused token into re-authorization and a failure without retries", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await buildConnection(workspace.id);
    const mapped = await syncFailure(new AuthExpiredError("Credentials refused (HTTP 401)", { status: 401 }), connection.id);
    expect(mapped).toBeInstanceOf(NonRetriableError);
    expect((mapped as Error).message).toContain("Credentials refused");
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).status).toBe("NEEDS_REAUTH");
  });

  it("retries a rate limit after the provider's delay, fails permanent errors and bad counts at once, retries the rest as is", async () => {
    const rateLimited = await syncFailure(new RateLimitedError("Throttled", { retryAfterMs: 4_000 }), "unused");
    expect(rateLimited).toBeInstanceOf(RetryAfterError);
    expect((rateLimited as RetryAfterError).retryAfter).toBe("4");

    const permanent = await syncFailure(new PermanentError("Unexpected Shopify payload for orders page"), "unused");
    expect(permanent).toBeInstanceOf(NonRetriableError);
    expect((permanent as Error).message).toBe("Unexpected Shopify payload for orders page");
    expect(await syncFailure(new IngestCountMismatchError("orders: read 10 but accounted for 9"), "unused")).toBeInstanceOf(NonRetriableError);

    const gone = await runConnectionSyncBatch({ connectionId: "removed-meanwhile", stream: "orders", cursor: null, jobRunId: "unused" }).catch((error: unknown) => error);
    expect(await syncFailure(gone, "removed-meanwhile")).toBeInstanceOf(NonRetriableError);

    const transient = new TransientError("HTTP 503");
    expect(await syncFailure(transient, "unused")).toBe(transient);
  });
});
