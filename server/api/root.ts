import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { auditRouter } from "@/server/api/routers/audit";
import { invitationRouter } from "@/server/api/routers/invitation";
import { meRouter } from "@/server/api/routers/me";
import { memberRouter } from "@/server/api/routers/member";
import { workspaceRouter } from "@/server/api/routers/workspace";

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  member: memberRouter,
  invitation: invitationRouter,
  audit: auditRouter,
  me: meRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
