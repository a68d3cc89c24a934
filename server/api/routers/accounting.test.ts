import { beforeAll, describe, expect, it } from "vitest";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { sessionCookieFor, trpcHttpQuery } from "@/server/api/test-http";

// The accounting lists over /api/trpc: bad input is a 400 naming the field (or the cursor), never a 500.

let slug: string;
let cookie: string;
beforeAll(async () => {
  const { workspace, owner } = await buildWorkspaceWithOwner("Books");
  slug = workspace.slug;
  cookie = await sessionCookieFor(owner.id);
});

const call = (path: string, input: Record<string, unknown>) => trpcHttpQuery(cookie, path, { workspaceSlug: slug, ...input });
const cursorOf = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("accounting lists over HTTP", () => {
  it.each([
    ["accounting.invoices", { status: "Unpaid" }, "status"],
    ["accounting.invoices", { search: "x".repeat(101) }, "search"],
    ["accounting.bills", { limit: 0 }, "limit"],
    ["accounting.bankTransactions", { explained: "partly" }, "explained"],
    ["accounting.bankTransactions", { bankAccountId: "" }, "bankAccountId"],
    ["accounting.contacts", { limit: 101 }, "limit"],
    ["accounting.contacts", { cursor: "" }, "cursor"],
  ])("%s with %j: 400 naming %s", async (path, input, field) => {
    const { status, body } = await call(path, input);
    expect(status).toBe(400);
    expect(Object.keys(body.error.json.data.zodError?.fieldErrors ?? {})).toEqual([field]);
  });

  it.each([
    ["accounting.invoices", cursorOf("2026-13-45|abc")],
    ["accounting.bankTransactions", cursorOf("not a cursor")],
    ["accounting.contacts", cursorOf("acme|")],
  ])("%s with a forged cursor: 400, not 500", async (path, cursor) => {
    const { status, body } = await call(path, { cursor });
    expect(status).toBe(400);
    expect(body.error.json.message).toBe("Invalid page cursor.");
  });

  it("answers a bank account that is not this workspace's with 404, and good input with a page", async () => {
    expect((await call("accounting.bankTransactions", { bankAccountId: "someone-elses" })).status).toBe(404);
    for (const path of ["accounting.invoices", "accounting.bills", "accounting.bankTransactions", "accounting.contacts", "accounting.bankAccounts", "accounting.categories", "accounting.payoutSetupOptions"]) {
      expect((await call(path, {})).status).toBe(200);
    }
  });
});
