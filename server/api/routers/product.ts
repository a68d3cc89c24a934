import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findProducts } from "@/server/services/products/find-products";
import { getProductById } from "@/server/services/products/get-product-by-id";
import { findProductsInput, productIdInput } from "@/server/services/products/schema";

export const productRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(findProductsInput)
    .query(({ ctx, input }) => findProducts(ctx.wdb, input)),

  get: workspaceProcedure("data.read")
    .input(productIdInput)
    .query(({ ctx, input }) => getProductById(ctx.wdb, input)),
});
