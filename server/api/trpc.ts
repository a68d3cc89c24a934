import "server-only";
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { Session } from "next-auth";
import superjson from "superjson";
import { z, ZodError, ZodRealError } from "zod";
import { can, type Action } from "@/server/auth/permissions";
import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db, workspaceDb } from "@/server/db";
import { env } from "@/server/env";
import { isAppError, type AppErrorCode } from "@/server/errors";
import type { Role } from "@/server/generated/prisma/enums";
import { logger } from "@/server/observability/logger";
import { reportError } from "@/server/observability/report-error";
import { getRequestId } from "@/server/observability/request-id";
import { clientIp } from "@/server/security/client-ip";
import { findNul, NUL_MESSAGE } from "@/server/security/nul-bytes";

// ---------- Context ----------

// Builds the context from an already-resolved session; tests use it directly with a fake session.
export function createContextForSession(session: Session | null, headers: Headers) {
  const requestId = getRequestId(headers);
  return {
    session,
    headers,
    requestId,
    ip: clientIp(headers),
    userAgent: headers.get("user-agent"),
    log: logger.child({ requestId }),
  };
}

// One query resolves the session cookie (see session-from-cookie.ts); Auth.js's auth() stays
// with pages and server actions.
export async function createTRPCContext(opts: { headers: Headers }) {
  return createContextForSession(await sessionFromCookie(db, opts.headers), opts.headers);
}

export type TRPCContext = ReturnType<typeof createContextForSession>;

// `workspace: true` marks procedures built by workspaceProcedure; tests enumerate them by it.
export type ProcedureMeta = { workspace?: boolean; action?: Action };

// ---------- tRPC instance ----------

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // Error bodies carry `data.stack` (server paths) only on a developer's machine; tRPC's default
    // shows it whenever NODE_ENV is not "production", tests and misconfigured servers included.
    isDev: env.NODE_ENV === "development",
    errorFormatter({ shape, error }) {
      const zodError = error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      return { ...shape, data: { ...shape.data, zodError } };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

// ---------- Error mapping: the one place domain errors become API errors ----------

const TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
};

const errorBoundary = t.middleware(async ({ ctx, path, type, next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  const cause = error.cause;
  if (isAppError(cause)) {
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (cause instanceof ZodError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Invalid input", cause });
  }
  if (error.code !== "INTERNAL_SERVER_ERROR") return result;
  reportError(cause ?? error, { requestId: ctx.requestId, source: `trpc:${type}:${path}`, userId: ctx.session?.user?.id }, ctx.log);
  throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong. Please try again.", cause: error });
});

// PostgreSQL text cannot hold U+0000, so a NUL anywhere in the raw input (any field, however
// nested) is refused before any procedure runs, including ones added later. The issue names the
// field, so forms reading data.zodError highlight it.
const refuseNulBytes = t.middleware(async ({ getRawInput, next }) => {
  const path = findNul(await getRawInput());
  if (path) {
    // ZodRealError is the Error subclass zod's own parse failures throw; tRPC keeps it as the cause.
    const cause = new ZodRealError([{ code: "custom", path, message: NUL_MESSAGE, input: undefined }]);
    throw new TRPCError({ code: "BAD_REQUEST", message: "Invalid input", cause });
  }
  return next();
});

const baseProcedure = t.procedure.use(errorBoundary).use(refuseNulBytes);

// ---------- Procedures ----------

export const publicProcedure = baseProcedure;

export const protectedProcedure = baseProcedure.use(({ ctx, next }) => {
  const user = ctx.session?.user;
  if (!user?.id || !user.email) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }
  return next({ ctx: { user: { id: user.id, email: user.email, name: user.name ?? null } } });
});

type WorkspaceMembershipRow = { workspaceId: string; name: string; slug: string; timeZone: string; membershipId: string; role: Role };

export const workspaceInput = z.object({ workspaceSlug: z.string().trim().min(1).max(64) });

// Resolves the workspace together with the caller's membership in one query. A workspace the
// caller does not belong to is answered exactly like one that does not exist.
export function workspaceProcedure(action: Action) {
  return protectedProcedure
    .meta({ workspace: true, action })
    .input(workspaceInput)
    .use(async ({ ctx, input, next }) => {
      const [row] = await db.$queryRaw<WorkspaceMembershipRow[]>`
        SELECT w.id AS "workspaceId", w.name, w.slug, w."timeZone", m.id AS "membershipId", m.role::text AS role
        FROM "Workspace" w
        JOIN "Membership" m ON m."workspaceId" = w.id AND m."userId" = ${ctx.user.id}
        WHERE w.slug = ${input.workspaceSlug}
        LIMIT 1`;
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found." });
      if (!can(row.role, action)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "Your role in this workspace does not allow this." });
      }
      return next({
        ctx: {
          workspace: { id: row.workspaceId, name: row.name, slug: row.slug, timeZone: row.timeZone },
          membership: { id: row.membershipId, role: row.role },
          wdb: workspaceDb(row.workspaceId),
        },
      });
    });
}

// Who is acting, for AuditLog rows written by the services.
export function auditActorOf(ctx: { user: { id: string }; ip: string | null; userAgent: string | null }) {
  return { actorId: ctx.user.id, ip: ctx.ip, userAgent: ctx.userAgent };
}
