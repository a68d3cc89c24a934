"use client";

import { createContext, use, type ReactNode } from "react";
import type { Action } from "@/server/auth/permissions";
import type { Role } from "@/server/generated/prisma/enums";

export type CurrentWorkspace = {
  id: string;
  name: string;
  slug: string;
  /** The zone every time in the workspace is shown in (IANA). */
  timeZone: string;
  role: Role;
  permissions: Record<Action, boolean>;
};

export type CurrentUser = { id: string; name: string | null; email: string };

type Value = { workspace: CurrentWorkspace; user: CurrentUser };

const WorkspaceContext = createContext<Value | null>(null);

// The workspace layout resolves the workspace once (with the caller's permissions) and the signed-in
// user, and hands both to every client component below it.
export function WorkspaceProvider({ workspace, user, children }: Value & { children: ReactNode }) {
  return <WorkspaceContext value={{ workspace, user }}>{children}</WorkspaceContext>;
}

function useValue(): Value {
  const value = use(WorkspaceContext);
  if (!value) throw new Error("Workspace hooks must be used inside a /w/[slug] page");
  return value;
}

export function useWorkspace(): CurrentWorkspace {
  return useValue().workspace;
}

export function useCurrentUser(): CurrentUser {
  return useValue().user;
}

/** Whether the current member may perform `action`; from the server's permission table. */
export function useCan(action: Action): boolean {
  return useWorkspace().permissions[action];
}
