import type { RecordBatch } from "@/server/connectors/_core/connector";
import { applyDeletions } from "./deletions";
import { ingestCustomers } from "./customers";
import { ingestInventoryLevels } from "./inventory-levels";
import { ingestLocations } from "./locations";
import { ingestOrders } from "./orders";
import type { IngestTransaction } from "./pool";
import { ingestProducts } from "./products";
import { ingestReceivingOrders } from "./receiving-orders";
import { ingestReturns } from "./returns";
import { ingestShipments } from "./shipments";
import type { IngestCounts, IngestScope } from "./shared";

/** Writes records of any kind through that kind's ingest function (a sync's chunk, whatever its stream). */
export function ingestRecords(scope: IngestScope, batch: RecordBatch, tx?: IngestTransaction): Promise<IngestCounts> {
  switch (batch.kind) {
    case "orders":
      return ingestOrders(scope, batch.records, tx);
    case "customers":
      return ingestCustomers(scope, batch.records, tx);
    case "products":
      return ingestProducts(scope, batch.records, tx);
    case "locations":
      return ingestLocations(scope, batch.records, tx);
    case "inventoryLevels":
      return ingestInventoryLevels(scope, batch.records, tx);
    case "shipments":
      return ingestShipments(scope, batch.records, tx);
    case "returns":
      return ingestReturns(scope, batch.records, tx);
    case "receivingOrders":
      return ingestReceivingOrders(scope, batch.records, tx);
    case "deletions":
      return applyDeletions(scope, batch.records, tx);
  }
}
