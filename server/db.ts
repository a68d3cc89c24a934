import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/server/generated/prisma/client";
import { env } from "@/server/env";

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }) });
}

// One client per process; dev hot reload would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { meridianDb?: ReturnType<typeof createClient> };
export const db = globalForDb.meridianDb ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.meridianDb = db;

export type Db = typeof db;

// ---------- Workspace-scoped data handle ----------
// Tenant scope lives in the query, never in a check after loading a row: every operation on a
// model with a `workspaceId` column gets `workspaceId = <this workspace>` in its `where` and in
// the data it creates, so another workspace's id behaves exactly like an id that does not exist.
// The list of scoped models is derived from the generated client, so a new tenant-owned model is
// covered without touching this file.
//
// What it does not cover: nested reads/writes through relations of an unscoped model (e.g.
// `user.findMany({ include: { memberships: true } })`) and raw SQL. Query tenant data from the
// tenant model's side. Transactions: `wdb.$transaction(async (tx) => ...)` — `tx` keeps the scope.

const WORKSPACE_COLUMN = "workspaceId";

function scopedModelsFromClient(): ReadonlySet<string> {
  const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
  return new Set(
    Object.values(Prisma.ModelName).filter((model) => namespace[`${model}ScalarFieldEnum`]?.[WORKSPACE_COLUMN]),
  );
}

export const WORKSPACE_SCOPED_MODELS = scopedModelsFromClient();

type Args = Record<string, unknown>;

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "count",
  "aggregate",
  "groupBy",
]);

export class WorkspaceScopeViolation extends Error {}

function assertDataInScope(model: string, data: unknown, workspaceId: string): void {
  if (!data || typeof data !== "object") return;
  const record = data as Args;
  if ("workspace" in record) {
    throw new WorkspaceScopeViolation(`${model}: set the workspace through the scoped handle, not a relation write`);
  }
  if (record[WORKSPACE_COLUMN] !== undefined && record[WORKSPACE_COLUMN] !== workspaceId) {
    throw new WorkspaceScopeViolation(`${model}: ${WORKSPACE_COLUMN} outside this workspace`);
  }
}

function stampData(model: string, data: unknown, workspaceId: string): unknown {
  if (Array.isArray(data)) return data.map((item) => stampData(model, item, workspaceId));
  assertDataInScope(model, data, workspaceId);
  return { ...(data as Args), [WORKSPACE_COLUMN]: workspaceId };
}

function scopeArgs(model: string, operation: string, args: Args, workspaceId: string): Args {
  // The Workspace row itself is scoped by its own id; it is never created through a tenant handle.
  const column = model === "Workspace" ? "id" : WORKSPACE_COLUMN;
  const scoped: Args = { ...args };
  if (WHERE_OPERATIONS.has(operation) || operation === "upsert") {
    // Added as an AND term rather than by overwriting the key, so a caller's own filter on the
    // column (e.g. `{ id: otherWorkspaceId }` on Workspace) still narrows instead of being replaced.
    const where = (args.where ?? {}) as Args;
    const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    scoped.where = { ...where, AND: [...and, { [column]: workspaceId }] };
  }
  if (model === "Workspace") {
    if (operation.startsWith("create") || operation === "upsert") {
      throw new WorkspaceScopeViolation("Workspaces are created with `db`, not a workspace-scoped handle");
    }
    return scoped;
  }
  if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
    scoped.data = stampData(model, args.data, workspaceId);
  } else if (operation === "upsert") {
    scoped.create = stampData(model, args.create, workspaceId);
    assertDataInScope(model, args.update, workspaceId);
  } else if (operation.startsWith("update")) {
    assertDataInScope(model, args.data, workspaceId);
  }
  return scoped;
}

export function workspaceDb(workspaceId: string) {
  return db.$extends({
    name: "workspace-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (model !== "Workspace" && !WORKSPACE_SCOPED_MODELS.has(model)) return query(args);
          return query(scopeArgs(model, operation, (args ?? {}) as Args, workspaceId) as typeof args);
        },
      },
    },
  });
}

export type WorkspaceDb = ReturnType<typeof workspaceDb>;
