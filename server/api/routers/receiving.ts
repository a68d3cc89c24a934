import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findReceivingOrders } from "@/server/services/receiving/find-receiving-orders";
import { findReceivingOrdersInput } from "@/server/services/receiving/schema";

export const receivingRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(findReceivingOrdersInput)
    .query(({ ctx, input }) => findReceivingOrders(ctx.wdb, input)),
});
