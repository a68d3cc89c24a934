import type { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "@/server/services/orders/like";

// A search box query against customers: the start of the email (lower-cased, indexed column),
// or every word somewhere in the first or last name ("ada lov" finds Ada Lovelace).
export function customerSearchWhere(search: string | undefined): Prisma.CustomerWhereInput | undefined {
  const term = search?.trim().toLowerCase();
  if (!term) return undefined;
  const literal = likeLiteral(term);
  const words = literal.split(/\s+/);
  return {
    OR: [
      { emailLower: { startsWith: literal } },
      {
        AND: words.map((word) => ({
          OR: [{ firstName: { contains: word, mode: "insensitive" as const } }, { lastName: { contains: word, mode: "insensitive" as const } }],
        })),
      },
    ],
  };
}
