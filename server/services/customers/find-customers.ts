import type { WorkspaceDb } from "@/server/db";
import { keysetOn } from "@/server/services/pagination";
import { amountOf } from "@/server/services/orders/money";
import { customerName } from "@/server/services/orders/order-customer";
import { customerSearchWhere } from "./customer-search";
import type { FindCustomersInput } from "./schema";

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

const bySourceCreatedAt = keysetOn("sourceCreatedAt");

// Newest customers first, keyset on (sourceCreatedAt desc, id desc), which the Customer index covers.
export async function findCustomers(wdb: WorkspaceDb, input: FindCustomersInput) {
  const rows = await wdb.customer.findMany({
    where: {
      AND: [
        { deletedAt: null },
        customerSearchWhere(input.search) ?? {},
        input.cursor ? bySourceCreatedAt.after(input.cursor, "desc") : {},
      ],
    },
    orderBy: bySourceCreatedAt.orderBy("desc"),
    take: input.limit + 1,
    select: {
      id: true,
      connection: { select: { id: true, displayName: true } },
      firstName: true,
      lastName: true,
      email: true,
      redactedAt: true,
      state: true,
      numberOfOrders: true,
      amountSpent: true,
      currency: true,
      sourceCreatedAt: true,
    },
  });
  return bySourceCreatedAt.toPage(rows, input.limit, (row): CustomerListItem => {
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
}
