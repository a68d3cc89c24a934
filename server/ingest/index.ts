// Set-based writes of normalized connector records into PostgreSQL, and stream cursors. Every
// write is keyed on (workspaceId, connectionId, externalId) and never lets an older copy of a
// record replace a newer one (see shared.ts and the commerce models in prisma/schema.prisma).
// Each call commits on its own, or, given a transaction of inIngestTransaction, with whatever
// else the caller writes in it (a sync batch: its records, its stream state and its run's counts).
export { ingestOrders, type OrderIngestCounts } from "./orders";
export { ingestCustomers } from "./customers";
export { ingestProducts, type ProductIngestCounts } from "./products";
export { ingestLocations } from "./locations";
export { ingestInventoryLevels } from "./inventory-levels";
export { ingestShipments } from "./shipments";
export { ALERTED_SHIPMENT_STATUSES } from "./shipment-alert-entries";
export { ingestReturns } from "./returns";
export { ingestReceivingOrders } from "./receiving-orders";
export { applyDeletions } from "./deletions";
export { ingestRecords } from "./ingest-records";
export { redactCustomer, deleteShopData, type ShopDataDeleted } from "./compliance";
export { readStreamState, saveStreamState, type StreamStateSnapshot } from "./stream-state";
export { dropBulkStaging, findBulkStaging, stageBulkChildLines, stagedChildren, type BulkStagingKey } from "./bulk-staging";
export { checkedCounts, IngestCountMismatchError, IngestRecordError, NO_COUNTS, type IngestCounts, type IngestScope } from "./shared";
export { inIngestTransaction, type IngestTransaction } from "./pool";
