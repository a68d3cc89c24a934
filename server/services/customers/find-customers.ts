import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { cappedTotal, keysetOn, listSorts, TOTAL_CAP } from "@/server/services/pagination";
import { amountOf } from "@/server/services/orders/money";
import { customerName } from "@/server/services/orders/order-customer";
import { customerSearchWhere } from "./customer-search";
import { CUSTOMER_SORTS, type CustomerListInput, type CustomerSort, type FindCustomersInput } from "./schema";

export type CustomerListItem = {
  id: string;
  connection: { id: string; displayName: string };
  // Null for a redacted customer: nothing personal is sent for them.
  name: string | null;
  email: string | null;
  redacted: boolean;
  state: string | null;
  numberOfOrders: number | null;
  amountSpent: string | null;
  currency: string | null;
  sourceCreatedAt: Date;
};

// Each sort on an index of Customer (workspaceId, column, id), read forwards or backwards. A
// provider that does not report orders or spending leaves them NULL, which sorts above every number
// (keysetOn's nullable keysets); so does a customer without a name, or redacted (nameSort is NULL
// then), after every name A first.
export const CUSTOMER_LIST_SORTS = listSorts<CustomerSort>(
  {
    created: keysetOn("sourceCreatedAt"),
    name: keysetOn("nameSort", "text", { nullable: true }),
    orders: keysetOn("numberOfOrders", "integer", { nullable: true }),
    spent: keysetOn("amountSpent", "decimal", { nullable: true }),
  },
  CUSTOMER_SORTS,
  "created",
);

/** The columns a row needs for its cursor in any of the sorts. */
export const CUSTOMER_SORT_COLUMNS = { id: true, sourceCreatedAt: true, nameSort: true, numberOfOrders: true, amountSpent: true } as const;

/** The live customers the Customers list shows for its search. */
export function customerListWhere(input: CustomerListInput): Prisma.CustomerWhereInput {
  return { AND: [{ deletedAt: null }, customerSearchWhere(input.search) ?? {}] };
}

// Newest customers first by default.
export async function findCustomers(wdb: WorkspaceDb, input: FindCustomersInput) {
  const where = customerListWhere(input);
  const rowsRead = CUSTOMER_LIST_SORTS.read(input, input, (query) =>
    wdb.customer.findMany({
      where: { AND: [where, query.where as Prisma.CustomerWhereInput] },
      orderBy: query.orderBy as Prisma.CustomerOrderByWithRelationInput[],
      take: query.take,
      select: {
        ...CUSTOMER_SORT_COLUMNS,
        connection: { select: { id: true, displayName: true } },
        firstName: true,
        lastName: true,
        email: true,
        redactedAt: true,
        state: true,
        currency: true,
      },
    }),
  );
  const [{ keyset, rows }, counted] = await Promise.all([rowsRead, wdb.customer.count({ where, take: TOTAL_CAP + 1 })]);
  const page = keyset.twoWay(rows, input, (row): CustomerListItem => {
    const redacted = row.redactedAt !== null;
    return {
      id: row.id,
      connection: row.connection,
      name: redacted ? null : customerName(row),
      email: redacted ? null : row.email,
      redacted,
      state: row.state,
      numberOfOrders: row.numberOfOrders,
      amountSpent: amountOf(row.amountSpent),
      currency: row.currency,
      sourceCreatedAt: row.sourceCreatedAt,
    };
  });
  return { ...page, total: cappedTotal(counted) };
}
