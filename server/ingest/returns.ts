import type { ReturnRecord } from "@/server/connectors/_core/records";
import { flatRecordIngest, jsonWithQuantities } from "./flat-records";

/** Upserts a 3PL's returns, each with its whole status history and items; an older copy never replaces a newer one. */
export const ingestReturns = flatRecordIngest<ReturnRecord>({
  what: "returns",
  table: "ReturnOrder",
  columns: [
    ["reference", "text"],
    ["orderExternalId", "text"],
    ["shipmentExternalId", "text"],
    ["storeOrderReference", "text"],
    ["status", "text"],
    ["locationExternalId", "text"],
    ["trackingNumber", "text"],
    ["items", "jsonb"],
    ["statusHistory", "jsonb"],
    ["completedAt", "timestamptz"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (ret) => ({
    ...ret,
    items: jsonWithQuantities(ret.items, ["quantity"], `return ${ret.externalId}`),
    statusHistory: JSON.stringify(ret.statusHistory),
  }),
});
