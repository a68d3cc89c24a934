import type { Prisma } from "@/server/generated/prisma/client";

// What a search box query matches on an order: the start of its name, with or without the "#"
// people leave off ("1001" finds "#1001"), or the start of the buyer's email. Both compare the
// lower-cased columns, which are indexed per workspace.
export function orderSearchWhere(search: string | undefined): Prisma.OrderWhereInput | undefined {
  const term = search?.trim().toLowerCase();
  if (!term) return undefined;
  const names = term.startsWith("#") ? [term] : [term, `#${term}`];
  return {
    OR: [...names.map((name) => ({ nameLower: { startsWith: name } })), { emailLower: { startsWith: term } }],
  };
}
