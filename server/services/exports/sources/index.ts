import type { ExportSource } from "../columns";
import type { ExportList } from "../schema";
import { auditLogSource } from "./audit-log";
import { customersSource } from "./customers";
import { inventorySource } from "./inventory";
import { inventoryBySkuSource } from "./inventory-by-sku";
import { jobRunsSource } from "./job-runs";
import { ordersSource } from "./orders";
import { productsSource } from "./products";
import { reconciliationDaysSource } from "./reconciliation-days";
import { reconciliationIssuesSource } from "./reconciliation-issues";

// Every list that exports, by ExportFile.list. The compiler asks for a source when a list is added.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each source has its own filters' type; callers parse them with source.filters
export const EXPORT_SOURCES: Record<ExportList, ExportSource<any>> = {
  orders: ordersSource,
  customers: customersSource,
  products: productsSource,
  inventory: inventorySource,
  "inventory-sku": inventoryBySkuSource,
  "reconciliation-days": reconciliationDaysSource,
  "reconciliation-issues": reconciliationIssuesSource,
  "job-runs": jobRunsSource,
  "audit-log": auditLogSource,
};

export function exportSourceOf(list: ExportList) {
  return EXPORT_SOURCES[list];
}
