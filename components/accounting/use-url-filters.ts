"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { filtersToSearch, type UrlFilters } from "@/components/ui/url-filters";

type Filters = Record<string, string | undefined>;

// A list's filters kept in the URL: read from it, written back with replace (no history entry per
// keystroke). `key` changes with the filters, so a list keyed on it starts again from page one;
// `rejected` are the values the URL held that `read` could not use (for the FilterBar).
export function useUrlFilters<F extends Filters>(read: (params: Pick<URLSearchParams, "get">) => UrlFilters<F>, names: Record<keyof F, string>) {
  const router = useRouter();
  const pathname = usePathname();
  const { filters, rejected } = read(useSearchParams());
  const apply = (next: F) => {
    const query = filtersToSearch(next, names);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return { filters, rejected, apply, set: (patch: Partial<F>) => apply({ ...filters, ...patch }), key: filtersToSearch(filters, names) };
}
