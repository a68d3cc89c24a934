import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import { adjacentCustomersInput } from "@/server/services/customers/schema";
import { jobRunIdInput } from "@/server/services/job-history/schema";
import { adjacentOrdersInput } from "@/server/services/orders/schema";
import { adjacentProductsInput } from "@/server/services/products/schema";
import { adjacentCustomers, adjacentJobRuns, adjacentOrders, adjacentProducts } from "@/server/services/search/adjacent-records";
import { searchWorkspaceInput } from "@/server/services/search/schema";
import { searchWorkspace } from "@/server/services/search/search-workspace";

export const searchRouter = createTRPCRouter({
  // Every member may open the palette; each group of records is limited to what the role reads.
  palette: workspaceProcedure("workspace.read")
    .input(searchWorkspaceInput)
    .query(({ ctx, input }) => {
      const role = ctx.membership.role;
      return searchWorkspace(ctx.wdb, { "data.read": can(role, "data.read"), "connections.read": can(role, "connections.read") }, input);
    }),

  adjacentOrders: workspaceProcedure("data.read")
    .input(adjacentOrdersInput)
    .query(({ ctx, input }) => adjacentOrders(ctx.wdb, input)),

  adjacentCustomers: workspaceProcedure("data.read")
    .input(adjacentCustomersInput)
    .query(({ ctx, input }) => adjacentCustomers(ctx.wdb, input)),

  adjacentProducts: workspaceProcedure("data.read")
    .input(adjacentProductsInput)
    .query(({ ctx, input }) => adjacentProducts(ctx.wdb, input)),

  adjacentJobRuns: workspaceProcedure("jobs.read")
    .input(jobRunIdInput)
    .query(({ ctx, input }) => adjacentJobRuns(ctx.wdb, input)),
});
