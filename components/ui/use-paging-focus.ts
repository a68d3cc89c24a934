"use client";

import { useEffect, useRef } from "react";

/**
 * After Next or Previous, focus and scroll go to the table (its caption names it to screen readers)
 * once the new page is shown, rather than staying on a button at the foot of the old one.
 * `position` is the page's place in the list, `shown` whether its rows are the ones on screen.
 */
export function usePagingFocus(position: string, shown: boolean) {
  const table = useRef<HTMLTableElement>(null);
  const paged = useRef(false);
  useEffect(() => {
    if (!paged.current || !shown) return;
    paged.current = false;
    table.current?.focus({ preventScroll: true });
    table.current?.scrollIntoView({ block: "start" });
  }, [position, shown]);
  return {
    table,
    /** Call as the page changes on the person's request. */
    paged: () => {
      paged.current = true;
    },
  };
}
