import type { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "./like";

// What a search box query matches on an order: the start of its name, with or without the "#"
// people leave off ("1001" finds "#1001"), or the start of the buyer's email. Both compare the
// lower-cased columns, which are indexed per workspace.
export function orderSearchWhere(search: string | undefined): Prisma.OrderWhereInput | undefined {
  const term = search?.trim().toLowerCase();
  if (!term) return undefined;
  const literal = likeLiteral(term);
  const names = term.startsWith("#") ? [literal] : [literal, `#${literal}`];
  return {
    OR: [...names.map((name) => ({ nameLower: { startsWith: name } })), { emailLower: { startsWith: literal } }],
  };
}
