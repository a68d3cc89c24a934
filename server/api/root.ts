import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { accountingRouter } from "@/server/api/routers/accounting";
import { auditRouter } from "@/server/api/routers/audit";
import { connectionRouter } from "@/server/api/routers/connection";
import { customerRouter } from "@/server/api/routers/customer";
import { dashboardRouter } from "@/server/api/routers/dashboard";
import { dataExportRouter } from "@/server/api/routers/data-export";
import { fulfilmentRouter } from "@/server/api/routers/fulfilment";
import { inventoryRouter } from "@/server/api/routers/inventory";
import { invitationRouter } from "@/server/api/routers/invitation";
import { jobRouter } from "@/server/api/routers/job";
import { meRouter } from "@/server/api/routers/me";
import { memberRouter } from "@/server/api/routers/member";
import { orderRouter } from "@/server/api/routers/order";
import { payoutsRouter } from "@/server/api/routers/payouts";
import { productRouter } from "@/server/api/routers/product";
import { receivingRouter } from "@/server/api/routers/receiving";
import { reconciliationRouter } from "@/server/api/routers/reconciliation";
import { retentionRouter } from "@/server/api/routers/retention";
import { returnsRouter } from "@/server/api/routers/returns";
import { savedViewRouter } from "@/server/api/routers/saved-view";
import { searchRouter } from "@/server/api/routers/search";
import { workspaceRouter } from "@/server/api/routers/workspace";

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  dashboard: dashboardRouter,
  member: memberRouter,
  invitation: invitationRouter,
  audit: auditRouter,
  job: jobRouter,
  connection: connectionRouter,
  retention: retentionRouter,
  order: orderRouter,
  product: productRouter,
  customer: customerRouter,
  savedView: savedViewRouter,
  inventory: inventoryRouter,
  fulfilment: fulfilmentRouter,
  returns: returnsRouter,
  receiving: receivingRouter,
  payouts: payoutsRouter,
  accounting: accountingRouter,
  reconciliation: reconciliationRouter,
  dataExport: dataExportRouter,
  search: searchRouter,
  me: meRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
