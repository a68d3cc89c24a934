import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findOrders } from "@/server/services/orders/find-orders";
import { getOrderById } from "@/server/services/orders/get-order-by-id";
import { findOrdersInput, orderIdInput } from "@/server/services/orders/schema";

export const orderRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(findOrdersInput)
    .query(({ ctx, input }) => findOrders(ctx.wdb, input)),

  get: workspaceProcedure("data.read")
    .input(orderIdInput)
    .query(({ ctx, input }) => getOrderById(ctx.wdb, input)),
});
