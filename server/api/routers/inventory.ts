import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findInventoryLevels } from "@/server/services/inventory/find-inventory-levels";
import { listLocations } from "@/server/services/inventory/list-locations";
import { findInventoryLevelsInput } from "@/server/services/inventory/schema";

export const inventoryRouter = createTRPCRouter({
  locations: workspaceProcedure("data.read").query(({ ctx }) => listLocations(ctx.wdb)),

  list: workspaceProcedure("data.read")
    .input(findInventoryLevelsInput)
    .query(({ ctx, input }) => findInventoryLevels(ctx.wdb, input)),
});
