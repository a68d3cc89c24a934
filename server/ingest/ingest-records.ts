import type { RecordBatch } from "@/server/connectors/_core/connector";
import {
  ingestAccountingCategories,
  ingestAccountingCompanies,
  ingestAccountingContacts,
  ingestAccountingUsers,
  ingestBankAccounts,
  ingestBankTransactionExplanations,
  ingestBills,
  ingestInvoices,
  ingestLedgerTransactions,
} from "./accounting";
import { ingestAnalyticsPurchaseDays } from "./analytics-purchases";
import { ingestBankTransactions } from "./bank-transactions";
import { applyDeletions } from "./deletions";
import { ingestCustomers } from "./customers";
import { ingestInventoryLevels } from "./inventory-levels";
import { ingestLocations } from "./locations";
import { ingestOrders } from "./orders";
import { ingestPayoutBalanceTransactions, ingestPayouts } from "./payouts";
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
    case "payouts":
      return ingestPayouts(scope, batch.records, tx);
    case "payoutBalanceTransactions":
      return ingestPayoutBalanceTransactions(scope, batch.records, tx);
    case "accountingCompanies":
      return ingestAccountingCompanies(scope, batch.records, tx);
    case "accountingUsers":
      return ingestAccountingUsers(scope, batch.records, tx);
    case "accountingContacts":
      return ingestAccountingContacts(scope, batch.records, tx);
    case "accountingCategories":
      return ingestAccountingCategories(scope, batch.records, tx);
    case "invoices":
      return ingestInvoices(scope, batch.records, tx);
    case "bills":
      return ingestBills(scope, batch.records, tx);
    case "bankAccounts":
      return ingestBankAccounts(scope, batch.records, tx);
    case "bankTransactions":
      return ingestBankTransactions(scope, batch.records, tx);
    case "bankTransactionExplanations":
      return ingestBankTransactionExplanations(scope, batch.records, tx);
    case "ledgerTransactions":
      return ingestLedgerTransactions(scope, batch.records, tx);
    case "analyticsPurchaseDays":
      return ingestAnalyticsPurchaseDays(scope, batch.records, tx);
    case "deletions":
      return applyDeletions(scope, batch.records, tx);
  }
}
