import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { customerNameWhere } from "@/server/services/customers/customer-search";
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

// Orders name their customer by (connectionId, customerExternalId), not by a relation Prisma can
// filter through, so a name is looked up among customers first. A name so short that more
// customers than this match it finds the orders of the first of them only (type more of it).
export const NAME_SEARCH_CUSTOMER_CAP = 1000;

/** The Orders list's search: number or email (orderSearchWhere), or the customer's name. */
export async function orderListSearchWhere(wdb: WorkspaceDb, search: string | undefined): Promise<Prisma.OrderWhereInput | undefined> {
  const byNumberOrEmail = orderSearchWhere(search);
  if (!byNumberOrEmail || !search) return byNumberOrEmail;
  const customers = await wdb.customer.findMany({
    where: { AND: [{ deletedAt: null, redactedAt: null }, customerNameWhere(search)] },
    orderBy: { id: "asc" },
    take: NAME_SEARCH_CUSTOMER_CAP,
    select: { connectionId: true, externalId: true },
  });
  const byConnection = new Map<string, string[]>();
  for (const { connectionId, externalId } of customers) {
    const externalIds = byConnection.get(connectionId) ?? [];
    externalIds.push(externalId);
    byConnection.set(connectionId, externalIds);
  }
  const byName = [...byConnection].map(([connectionId, externalIds]) => ({ connectionId, customerExternalId: { in: externalIds } }));
  return { OR: [...(byNumberOrEmail.OR as Prisma.OrderWhereInput[]), ...byName] };
}
