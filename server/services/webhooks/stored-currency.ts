import "server-only";
import { db } from "@/server/db";
import type { IngestScope } from "@/server/ingest";

/**
 * The connection's currency as its stored records say (a variant's, else an order's), or null
 * before anything of it is stored: for deliveries that give amounts without naming a currency.
 */
export async function storedCurrency(scope: IngestScope): Promise<string | null> {
  const where = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  const variant = await db.productVariant.findFirst({ where, select: { currency: true } });
  if (variant) return variant.currency;
  const order = await db.order.findFirst({ where, select: { currency: true } });
  return order?.currency ?? null;
}
