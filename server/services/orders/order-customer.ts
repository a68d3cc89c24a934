import type { WorkspaceDb } from "@/server/db";

export type CustomerLink = {
  id: string;
  // Null when the customer was redacted: no name or email is shown for them.
  name: string | null;
  email: string | null;
  redacted: boolean;
};

export function customerName(customer: { firstName: string | null; lastName: string | null }): string | null {
  return [customer.firstName, customer.lastName].filter(Boolean).join(" ") || null;
}

export function customerLinkOf(row: { id: string; firstName: string | null; lastName: string | null; email: string | null; redactedAt: Date | null }): CustomerLink {
  const redacted = row.redactedAt !== null;
  return { id: row.id, name: redacted ? null : customerName(row), email: redacted ? null : row.email, redacted };
}

const keyOf = (connectionId: string, externalId: string) => `${connectionId}\u0000${externalId}`;

// Orders name their customer by (connectionId, customerExternalId), not by a foreign key (an
// order may arrive before its customer). One query for any number of orders.
export async function customersOfOrders(
  wdb: WorkspaceDb,
  orders: readonly { connectionId: string; customerExternalId: string | null }[],
): Promise<(order: { connectionId: string; customerExternalId: string | null }) => CustomerLink | null> {
  const wanted = orders.flatMap((o) => (o.customerExternalId ? [{ connectionId: o.connectionId, externalId: o.customerExternalId }] : []));
  const rows = wanted.length
    ? await wdb.customer.findMany({
        where: { deletedAt: null, OR: wanted },
        select: { id: true, connectionId: true, externalId: true, firstName: true, lastName: true, email: true, redactedAt: true },
      })
    : [];
  const byKey = new Map(rows.map((row) => [keyOf(row.connectionId, row.externalId), customerLinkOf(row)]));
  return (order) => (order.customerExternalId ? (byKey.get(keyOf(order.connectionId, order.customerExternalId)) ?? null) : null);
}
