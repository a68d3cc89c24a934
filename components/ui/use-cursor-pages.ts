"use client";

import { useState } from "react";

/** Where a list is in its pages: what PaginationFooter drives. */
export type CursorPages = ReturnType<typeof useCursorPages>;

// Keyset APIs only step forward, so "Previous" means returning to a cursor already visited:
// keep the stack of page cursors (undefined = first page).
export function useCursorPages() {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: stack.at(-1),
    pageNumber: stack.length,
    hasPrevious: stack.length > 1,
    next: (cursor: string) => setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
  };
}
