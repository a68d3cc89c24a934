"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { CommandPalette } from "@/components/command-palette/command-palette";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { PaletteTrigger } from "./palette-trigger";
import { ShortcutsHelp } from "./shortcuts-help";
import { SidebarNav } from "./sidebar-nav";
import { useWorkspaceShortcuts } from "./use-workspace-shortcuts";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher, type WorkspaceOption } from "./workspace-switcher";

type ShellProps = {
  workspaces: WorkspaceOption[];
  signOutAction: () => Promise<void>;
  children: ReactNode;
};

// The drawer (small screens) has no palette button: the top bar carries one.
function SidebarContent({ workspaces, signOutAction, openPalette }: Omit<ShellProps, "children"> & { openPalette?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-6 p-3">
      <div className="grid gap-3">
        <WorkspaceSwitcher workspaces={workspaces} />
        {openPalette && <PaletteTrigger onOpen={openPalette} />}
      </div>
      <div className="flex-1 overflow-y-auto">
        <SidebarNav />
      </div>
      <div className="border-t pt-3">
        <UserMenu signOutAction={signOutAction} />
      </div>
    </div>
  );
}

// Desktop: a fixed sidebar. Small screens: a top bar whose menu button opens the same sidebar as
// a modal drawer (native <dialog>, so focus stays inside and Esc closes it).
export function AppShell({ children, ...sidebar }: ShellProps) {
  const workspace = useWorkspace();
  const [menuOpen, setMenuOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const drawerRef = useRef<HTMLDialogElement>(null);
  const openPalette = () => {
    // Ctrl-K from inside the drawer: one modal at a time.
    setMenuOpen(false);
    setPaletteOpen(true);
  };
  useWorkspaceShortcuts({ togglePalette: () => (paletteOpen ? setPaletteOpen(false) : openPalette()), openHelp: () => setHelpOpen(true) });

  useEffect(() => {
    const drawer = drawerRef.current;
    if (!drawer) return;
    if (menuOpen && !drawer.open) drawer.showModal();
    if (!menuOpen && drawer.open) drawer.close();
  }, [menuOpen]);

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>

      <aside className="sticky top-0 hidden h-dvh border-r bg-surface lg:block">
        <SidebarContent {...sidebar} openPalette={openPalette} />
      </aside>

      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-surface/95 px-4 backdrop-blur lg:hidden">
        <button
          type="button"
          onClick={() => setMenuOpen(true)}
          aria-label="Open menu"
          aria-expanded={menuOpen}
          data-testid="mobile-menu-button"
          className="-ml-1 flex size-9 items-center justify-center rounded-md hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
        >
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-5">
            <path d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm.75 4.5a.75.75 0 0 0 0 1.5h14.5a.75.75 0 0 0 0-1.5H2.75Z" />
          </svg>
        </button>
        <span className="truncate text-sm font-semibold">{workspace.name}</span>
        <PaletteTrigger onOpen={openPalette} compact />
      </header>

      <dialog
        ref={drawerRef}
        aria-label="Menu"
        onClose={() => setMenuOpen(false)}
        onClick={(event) => {
          // Backdrop clicks and followed links close the drawer.
          const target = event.target as Element;
          if (target === event.currentTarget || target.closest("a")) setMenuOpen(false);
        }}
        className="m-0 h-dvh max-h-dvh w-72 max-w-[85vw] border-r bg-surface p-0 text-foreground backdrop:bg-black/50 lg:hidden"
      >
        {menuOpen && <SidebarContent {...sidebar} />}
      </dialog>

      <main id="main" className="min-w-0 px-4 py-6 sm:px-8 lg:py-10">
        <div className="mx-auto w-full max-w-5xl">{children}</div>
      </main>

      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} />
      <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
