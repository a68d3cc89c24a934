import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findInventoryBySku } from "@/server/services/inventory/find-inventory-by-sku";
import { findInventoryLevels } from "@/server/services/inventory/find-inventory-levels";
import { listLocations } from "@/server/services/inventory/list-locations";
import { findInventoryBySkuInput, findInventoryLevelsInput } from "@/server/services/inventory/schema";

export const inventoryRouter = createTRPCRouter({
  locations: workspaceProcedure("data.read").query(({ ctx }) => listLocations(ctx.wdb)),

  list: workspaceProcedure("data.read")
    .input(findInventoryLevelsInput)
    .query(({ ctx, input }) => findInventoryLevels(ctx.wdb, input)),

  bySku: workspaceProcedure("data.read")
    .input(findInventoryBySkuInput)
    .query(({ ctx, input }) => findInventoryBySku(ctx.wdb, ctx.workspace.id, input)),
});
