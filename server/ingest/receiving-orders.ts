import type { ReceivingOrderRecord } from "@/server/connectors/_core/records";
import { flatRecordIngest, jsonWithQuantities } from "./flat-records";

/** Upserts a 3PL's receiving orders (expected against received, per item); an older copy never replaces a newer one. */
export const ingestReceivingOrders = flatRecordIngest<ReceivingOrderRecord>({
  what: "receiving orders",
  table: "ReceivingOrder",
  columns: [
    ["purchaseOrderNumber", "text"],
    ["status", "text"],
    ["locationExternalId", "text"],
    ["expectedArrivalAt", "timestamptz"],
    ["items", "jsonb"],
    ["statusHistory", "jsonb"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (wro) => ({
    ...wro,
    items: jsonWithQuantities(wro.items, ["expectedQuantity", "receivedQuantity", "stowedQuantity"], `receiving order ${wro.externalId}`),
    statusHistory: JSON.stringify(wro.statusHistory),
  }),
});
