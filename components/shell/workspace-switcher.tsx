"use client";

import { DropdownMenu, DropdownMenuLabel, DropdownMenuLink, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { roleLabel } from "@/components/workspace/role-badge";
import type { Role } from "@/server/generated/prisma/enums";

export type WorkspaceOption = { id: string; name: string; slug: string; role: Role };

function Initial({ name }: { name: string }) {
  return (
    <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-md bg-primary text-xs font-semibold text-primary-foreground">
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

export function WorkspaceSwitcher({ workspaces }: { workspaces: WorkspaceOption[] }) {
  const current = useWorkspace();

  return (
    <DropdownMenu
      data-testid="workspace-switcher"
      triggerClassName="flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left hover:bg-muted"
      className="w-full"
      trigger={
        <>
          <Initial name={current.name} />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-semibold">{current.name}</span>
            <span className="block truncate text-xs text-muted-foreground">{roleLabel(current.role)}</span>
          </span>
          <span className="sr-only">: switch workspace</span>
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 text-muted-foreground">
            <path d="M10 3a.75.75 0 0 1 .55.24l3.25 3.5a.75.75 0 1 1-1.1 1.02L10 4.85 7.3 7.76a.75.75 0 0 1-1.1-1.02l3.25-3.5A.75.75 0 0 1 10 3Zm-3.76 9.2a.75.75 0 0 1 1.06.04L10 15.15l2.7-2.91a.75.75 0 0 1 1.1 1.02l-3.25 3.5a.75.75 0 0 1-1.1 0l-3.25-3.5a.75.75 0 0 1 .04-1.06Z" />
          </svg>
        </>
      }
    >
      <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
      {workspaces.map((workspace) => (
        <DropdownMenuLink
          key={workspace.id}
          href={`/w/${workspace.slug}`}
          aria-current={workspace.slug === current.slug ? "page" : undefined}
        >
          <Initial name={workspace.name} />
          <span className="min-w-0 flex-1 truncate">{workspace.name}</span>
          {workspace.slug === current.slug && (
            <svg aria-label="Current workspace" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-primary">
              <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z" />
            </svg>
          )}
        </DropdownMenuLink>
      ))}
      <DropdownMenuSeparator />
      <DropdownMenuLink href="/onboarding" data-testid="create-workspace-link">
        <span aria-hidden className="flex size-7 items-center justify-center rounded-md border border-dashed text-muted-foreground">
          +
        </span>
        Create workspace
      </DropdownMenuLink>
    </DropdownMenu>
  );
}
