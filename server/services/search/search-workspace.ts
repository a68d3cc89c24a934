import type { Action } from "@/server/auth/permissions";
import { providerName } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { customerSearchWhere } from "@/server/services/customers/customer-search";
import { likeLiteral } from "@/server/services/orders/like";
import { customerName, customersOfOrders } from "@/server/services/orders/order-customer";
import { orderSearchWhere } from "@/server/services/orders/order-search";
import { productListWhere } from "@/server/services/products/find-products";
import { SEARCH_GROUP_LIMIT, type SearchWorkspaceInput } from "./schema";

export type OrderHit = { id: string; name: string; processedAt: Date; customerName: string | null };
export type CustomerHit = { id: string; name: string | null; email: string | null };
/** `sku` is a variant's SKU holding the typed text, null when only the title matched. */
export type ProductHit = { id: string; title: string; sku: string | null };
export type ConnectionHit = { id: string; displayName: string; providerName: string; status: string };
export type WorkspaceSearchResult = { orders: OrderHit[]; customers: CustomerHit[]; products: ProductHit[]; connections: ConnectionHit[] };

// An exact hit ("1001" for #1001, a whole email or SKU) comes first, then the rest in their list's
// own order, so the record a person typed in full is the one Enter opens.
function exactFirst<T extends { id: string }>(exact: T[], rest: T[]): T[] {
  const seen = new Set(exact.map((row) => row.id));
  return [...exact, ...rest.filter((row) => !seen.has(row.id))].slice(0, SEARCH_GROUP_LIMIT);
}

async function searchOrders(wdb: WorkspaceDb, term: string): Promise<OrderHit[]> {
  const select = { id: true, name: true, processedAt: true, connectionId: true, customerExternalId: true } as const;
  const names = term.startsWith("#") ? [term] : [term, `#${term}`];
  const [exact, rest] = await Promise.all([
    wdb.order.findMany({ where: { deletedAt: null, nameLower: { in: names } }, orderBy: [{ processedAt: "desc" }, { id: "desc" }], take: SEARCH_GROUP_LIMIT, select }),
    wdb.order.findMany({ where: { AND: [{ deletedAt: null }, orderSearchWhere(term) ?? {}] }, orderBy: [{ processedAt: "desc" }, { id: "desc" }], take: SEARCH_GROUP_LIMIT, select }),
  ]);
  const rows = exactFirst(exact, rest);
  const customerOf = await customersOfOrders(wdb, rows);
  return rows.map((row) => ({ id: row.id, name: row.name, processedAt: row.processedAt, customerName: customerOf(row)?.name ?? null }));
}

async function searchCustomers(wdb: WorkspaceDb, term: string): Promise<CustomerHit[]> {
  // Redacted customers hold no name or email, so no search term can match them.
  const select = { id: true, firstName: true, lastName: true, email: true } as const;
  const [exact, rest] = await Promise.all([
    wdb.customer.findMany({ where: { deletedAt: null, emailLower: term }, orderBy: [{ sourceCreatedAt: "desc" }, { id: "desc" }], take: SEARCH_GROUP_LIMIT, select }),
    wdb.customer.findMany({ where: { AND: [{ deletedAt: null }, customerSearchWhere(term) ?? {}] }, orderBy: [{ sourceCreatedAt: "desc" }, { id: "desc" }], take: SEARCH_GROUP_LIMIT, select }),
  ]);
  return exactFirst(exact, rest).map((row) => ({ id: row.id, name: customerName(row), email: row.email }));
}

async function searchProducts(wdb: WorkspaceDb, term: string): Promise<ProductHit[]> {
  const select = {
    id: true,
    title: true,
    variants: { where: { sku: { contains: likeLiteral(term), mode: "insensitive" } }, orderBy: [{ sku: "asc" }, { id: "asc" }], take: 1, select: { sku: true } },
  } satisfies Prisma.ProductSelect;
  // Alphabetical, as the Products list shows them.
  const orderBy: Prisma.ProductOrderByWithRelationInput[] = [{ title: "asc" }, { id: "asc" }];
  const [exact, rest] = await Promise.all([
    // Prisma answers a case-insensitive equals with ILIKE, so the SKU's wildcards are escaped too.
    wdb.product.findMany({ where: { deletedAt: null, variants: { some: { sku: { equals: likeLiteral(term), mode: "insensitive" } } } }, orderBy, take: SEARCH_GROUP_LIMIT, select }),
    wdb.product.findMany({ where: productListWhere({ search: term }), orderBy, take: SEARCH_GROUP_LIMIT, select }),
  ]);
  return exactFirst(exact, rest).map(({ variants, ...row }) => ({ ...row, sku: variants[0]?.sku ?? null }));
}

async function searchConnections(wdb: WorkspaceDb, term: string): Promise<ConnectionHit[]> {
  // A workspace has a handful of connections: matching anywhere in the name needs no index.
  const rows = await wdb.connection.findMany({
    where: { displayName: { contains: likeLiteral(term), mode: "insensitive" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: SEARCH_GROUP_LIMIT,
    select: { id: true, displayName: true, provider: true, status: true },
  });
  return rows.map(({ provider, ...row }) => ({ ...row, providerName: providerName(provider) }));
}

// The command palette's records: orders by number or email, customers by name or email, products by
// title or SKU, and connections by name, each group only when the member may read it, at most
// SEARCH_GROUP_LIMIT each.
export async function searchWorkspace(
  wdb: WorkspaceDb,
  permissions: Pick<Record<Action, boolean>, "data.read" | "connections.read">,
  input: SearchWorkspaceInput,
): Promise<WorkspaceSearchResult> {
  const term = input.query.trim().toLowerCase();
  const [orders, customers, products, connections] = await Promise.all([
    permissions["data.read"] ? searchOrders(wdb, term) : [],
    permissions["data.read"] ? searchCustomers(wdb, term) : [],
    permissions["data.read"] ? searchProducts(wdb, term) : [],
    permissions["connections.read"] ? searchConnections(wdb, term) : [],
  ]);
  return { orders, customers, products, connections };
}
