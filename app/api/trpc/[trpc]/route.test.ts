import { randomBytes } from "node:crypto";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { TRPC_MAX_BATCH_SIZE } from "@/components/trpc/batch-limit";
import { buildWorkspaceWithOwner, type TestUser } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { NUL_MESSAGE } from "@/server/security/nul-bytes";
import { GET, POST } from "./route";

// What the API route answers over HTTP (issue 10): error bodies, the NUL refusal as forms see it,
// the batch cap and Cache-Control. The procedure-level probes sweep the router in
// server/api/security-api-edge.test.ts; e2e/security/api-errors.spec.ts repeats these against a
// production build.

const APP = "http://localhost";

async function sessionCookie(user: TestUser): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  return `authjs.session-token=${sessionToken}`;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));

function query(path: string, value: unknown, cookie?: string): Promise<Response> {
  return GET(new Request(`${APP}/api/trpc/${path}?input=${input(value)}`, { headers: cookie ? { cookie } : {} }));
}

function batch(method: "GET" | "POST", paths: string[], inputs: unknown[], cookie: string): Promise<Response> {
  const body = Object.fromEntries(inputs.map((value, index) => [index, superjson.serialize(value)]));
  const url = `${APP}/api/trpc/${paths.join(",")}?batch=1`;
  if (method === "GET") return GET(new Request(`${url}&input=${encodeURIComponent(JSON.stringify(body))}`, { headers: { cookie } }));
  return POST(new Request(url, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) }));
}

type ErrorBody = { error: { json: { message: string; data: Record<string, unknown> & { zodError?: { fieldErrors: Record<string, string[]> } } } } };

let owner: TestUser;
let slug: string;
let cookie: string;
beforeAll(async () => {
  const built = await buildWorkspaceWithOwner("Route");
  owner = built.owner;
  slug = built.workspace.slug;
  cookie = await sessionCookie(owner);
});

describe("/api/trpc", () => {
  it("keeps stack traces and server paths out of error bodies outside local development", async () => {
    const response = await query("workspace.get", { workspaceSlug: "no-such-workspace" }, cookie);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect((JSON.parse(text) as ErrorBody).error.json.data).not.toHaveProperty("stack");
    expect(text).not.toContain(process.cwd());
  });

  it("answers a NUL byte with 400 and a zodError naming the field, before anything runs", async () => {
    const response = await query("workspace.get", { workspaceSlug: `${slug}\u0000` }, cookie);
    expect(response.status).toBe(400);
    const { data } = ((await response.json()) as ErrorBody).error.json;
    expect(data.zodError?.fieldErrors).toEqual({ workspaceSlug: [NUL_MESSAGE] });
  });

  it("treats a session cookie holding a NUL as no session, not as a server error", async () => {
    const response = await query("workspace.get", { workspaceSlug: slug }, "authjs.session-token=abc%00def");
    expect(response.status).toBe(401);
  });

  it(`refuses a batch of more than ${TRPC_MAX_BATCH_SIZE} calls with 400, running none of them`, async () => {
    const size = TRPC_MAX_BATCH_SIZE + 1;
    const workspacesBefore = await db.workspace.count();
    const creates = Array.from({ length: size }, (_, i) => ({ name: `Batch ${i}` }));
    const refused = await batch("POST", creates.map(() => "workspace.create"), creates, cookie);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("Batch call exceeds maximum size");
    expect(await db.workspace.count()).toBe(workspacesBefore);

    const reads = Array.from({ length: size }, () => ({ workspaceSlug: slug }));
    expect((await batch("GET", reads.map(() => "workspace.get"), reads, cookie)).status).toBe(400);
  });

  it(`runs a batch of exactly ${TRPC_MAX_BATCH_SIZE} calls`, async () => {
    const reads = Array.from({ length: TRPC_MAX_BATCH_SIZE }, () => ({ workspaceSlug: slug }));
    const response = await batch("GET", reads.map(() => "workspace.get"), reads, cookie);
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown[]).toHaveLength(TRPC_MAX_BATCH_SIZE);
  });

  it("marks every answer private, no-store: signed-in data, errors and anonymous calls alike", async () => {
    const members = await query("member.list", { workspaceSlug: slug }, cookie);
    expect(members.status).toBe(200);
    expect(JSON.stringify(await members.json())).toContain(owner.email);
    expect(members.headers.get("cache-control")).toBe("private, no-store");
    expect((await query("workspace.get", { workspaceSlug: "no-such-workspace" }, cookie)).headers.get("cache-control")).toBe("private, no-store");
    expect((await query("invitation.preview", { token: "unknown" })).headers.get("cache-control")).toBe("private, no-store");
  });
});
