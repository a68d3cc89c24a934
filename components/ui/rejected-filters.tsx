"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { MouseEvent } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import type { RejectedFilter } from "./url-filters";

/**
 * The filter values in the URL that a list ignored (a hand-edited URL, a stale shared link), each
 * with "Remove", which takes that parameter out of the URL and leaves the others.
 */
export function RejectedFilters({ rejected }: { rejected: readonly RejectedFilter[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const remove = (param: string, event: MouseEvent<HTMLButtonElement>) => {
    // The button goes away with its parameter: focus moves to the bar's first filter, not the page.
    event.currentTarget.closest('[role="search"]')?.querySelector<HTMLElement>("input, select")?.focus();
    const next = new URLSearchParams(params);
    next.delete(param);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <Alert variant="error" className="basis-full" data-testid="rejected-filters">
      <ul className="grid gap-2">
        {rejected.map(({ param, message }) => (
          <li key={param} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <span>{message} — ignored.</span>
            <Button variant="outline" size="sm" aria-label={`Remove ${message}`} onClick={(event) => remove(param, event)}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
