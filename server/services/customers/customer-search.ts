import type { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "@/server/services/orders/like";

/** Every word of `term` somewhere in the first or last name ("ada lov" finds Ada Lovelace); ILIKE on trigram indexes. */
export function customerNameWhere(term: string): Prisma.CustomerWhereInput {
  const words = likeLiteral(term.trim()).split(/\s+/);
  return {
    AND: words.map((word) => ({
      OR: [{ firstName: { contains: word, mode: "insensitive" as const } }, { lastName: { contains: word, mode: "insensitive" as const } }],
    })),
  };
}

// A search box query against customers: the start of the email (lower-cased, indexed column),
// or its words in the name.
export function customerSearchWhere(search: string | undefined): Prisma.CustomerWhereInput | undefined {
  const term = search?.trim().toLowerCase();
  if (!term) return undefined;
  return { OR: [{ emailLower: { startsWith: likeLiteral(term) } }, customerNameWhere(term)] };
}
