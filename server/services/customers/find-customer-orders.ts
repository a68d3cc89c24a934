import type { WorkspaceDb } from "@/server/db";
import { findOrderPage } from "@/server/services/orders/find-orders";
import { findLiveCustomer } from "./get-customer-by-id";
import type { FindCustomerOrdersInput } from "./schema";

// A customer's orders, newest first: matched on (connectionId, customerExternalId) as the sync
// links them.
export async function findCustomerOrders(wdb: WorkspaceDb, input: FindCustomerOrdersInput) {
  const customer = await findLiveCustomer(wdb, input.customerId);
  return findOrderPage(wdb, { connectionId: customer.connectionId, customerExternalId: customer.externalId }, input);
}
