import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findShipments } from "@/server/services/fulfilment/find-shipments";
import { findShipmentsInput } from "@/server/services/fulfilment/schema";

export const fulfilmentRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(findShipmentsInput)
    .query(({ ctx, input }) => findShipments(ctx.wdb, input)),
});
