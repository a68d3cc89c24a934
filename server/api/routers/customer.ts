import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findCustomerOrders } from "@/server/services/customers/find-customer-orders";
import { findCustomers } from "@/server/services/customers/find-customers";
import { getCustomerById } from "@/server/services/customers/get-customer-by-id";
import { customerIdInput, findCustomerOrdersInput, findCustomersInput } from "@/server/services/customers/schema";

export const customerRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(findCustomersInput)
    .query(({ ctx, input }) => findCustomers(ctx.wdb, input)),

  get: workspaceProcedure("data.read")
    .input(customerIdInput)
    .query(({ ctx, input }) => getCustomerById(ctx.wdb, input)),

  orders: workspaceProcedure("data.read")
    .input(findCustomerOrdersInput)
    .query(({ ctx, input }) => findCustomerOrders(ctx.wdb, input)),
});
