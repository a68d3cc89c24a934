"use client";

import { useEffect, useRef } from "react";
import { useShortcut } from "./use-shortcut";

// The shell's own shortcuts. Ctrl-K / ⌘K works even while typing (it is no character); `/` puts
// the cursor in the page's search field (the first search box in the main content), `?` opens
// the list of shortcuts.
export function useWorkspaceShortcuts({ togglePalette, openHelp }: { togglePalette: () => void; openHelp: () => void }) {
  const latest = useRef(togglePalette);
  useEffect(() => {
    latest.current = togglePalette;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      latest.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  useShortcut("/", (event) => {
    const search = document.querySelector<HTMLInputElement>('#main input[type="search"]');
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
  });
  useShortcut("?", openHelp);
}
