import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findReturns } from "@/server/services/returns/find-returns";
import { findReturnsInput } from "@/server/services/returns/schema";

export const returnsRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(findReturnsInput)
    .query(({ ctx, input }) => findReturns(ctx.wdb, input)),
});
