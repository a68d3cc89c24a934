"use client";

import { useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";

const subscribeNever = () => () => {};
// The server cannot know the platform: it renders "Ctrl K", and a Mac's browser switches to ⌘K
// after hydration (useSyncExternalStore's server snapshot keeps hydration exact).
function usePaletteKeys(): string {
  return useSyncExternalStore(
    subscribeNever,
    () => (/Mac|iPhone|iPad/.test(navigator.platform) ? "⌘K" : "Ctrl K"),
    () => "Ctrl K",
  );
}

/** The visible way into the command palette, with its shortcut. */
export function PaletteTrigger({ onOpen, compact = false }: { onOpen: () => void; compact?: boolean }) {
  const keys = usePaletteKeys();
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-keyshortcuts="Control+K Meta+K"
      // Named as the wide trigger reads, not "Search": that is what the pages call their own search fields.
      aria-label={compact ? "Search or go to…" : undefined}
      data-testid={compact ? "palette-trigger-compact" : "palette-trigger"}
      className={cn(
        "flex items-center gap-2 rounded-md text-sm text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
        compact ? "ml-auto size-9 justify-center" : "w-full border bg-background px-2.5 py-1.5",
      )}
    >
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0">
        <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.58 3.58a.75.75 0 1 1-1.06 1.06l-3.58-3.58A7 7 0 0 1 2 9Z" clipRule="evenodd" />
      </svg>
      {!compact && (
        <>
          <span className="flex-1 text-left">Search or go to…</span>
          <kbd className="rounded border bg-surface px-1.5 font-mono text-xs">{keys}</kbd>
        </>
      )}
    </button>
  );
}
