import type { CustomerRecord } from "@/server/connectors/_core/records";
import {
  checkedCounts,
  contentHash,
  EXTERNAL_KEY,
  NEWER_VERSION_BY_HASH,
  newestPerKey,
  newId,
  NO_COUNTS,
  personal,
  queryCountsSerialized,
  inputSets,
  joinedTags,
  TAGS_FROM_INPUT,
  set,
  upsertSql,
  type IngestCounts,
  type IngestScope,
  versionOf,
} from "./shared";
import type { IngestTransaction } from "./pool";
import { DELETED_AT_FROM_TOMBSTONE, INPUT_WITH_TOMBSTONES, tombstonesCte, WRITTEN_STATE, writtenCounts } from "./tombstones";

const CUSTOMER_INPUT = [
  ["id", "text"],
  ["externalId", "text"],
  ["email", "text"],
  ["firstName", "text"],
  ["lastName", "text"],
  ["phone", "text"],
  ["state", "text"],
  ["tags", "text"],
  ["numberOfOrders", "integer"],
  ["amountSpent", "numeric"],
  ["currency", "text"],
  ["sourceCreatedAt", "timestamptz"],
  ["sourceUpdatedAt", "timestamptz"],
  ["observedAt", "timestamptz"],
  ["sourceHash", "text"],
] as const;

const INPUT = inputSets({ customers: CUSTOMER_INPUT });

const INGEST_CUSTOMERS_SQL = `WITH
  input AS (SELECT * FROM ${INPUT.sql.customers}),
  ${tombstonesCte("customer")},
  customers AS (${upsertSql({
    table: "Customer",
    idFrom: `i."id"`,
    from: INPUT_WITH_TOMBSTONES,
    conflict: EXTERNAL_KEY,
    where: NEWER_VERSION_BY_HASH,
    returning: `t."externalId", ${WRITTEN_STATE}`,
    columns: [
      set("externalId"),
      personal("email"),
      personal("emailLower", `lower(i."email")`),
      personal("firstName"),
      personal("lastName"),
      personal("phone"),
      set("state"),
      set("tags", TAGS_FROM_INPUT),
      set("numberOfOrders"),
      set("amountSpent"),
      set("currency"),
      set("sourceCreatedAt"),
      set("sourceUpdatedAt"),
      set("observedAt"),
      set("sourceHash"),
      DELETED_AT_FROM_TOMBSTONE,
    ],
  })})
SELECT
  ${writtenCounts("customers")},
  (SELECT count(*) FROM input i WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c."externalId" = i."externalId"))::int AS unchanged`;

/** Upserts customers; a redacted customer's personal fields stay empty whatever arrives. */
export async function ingestCustomers(scope: IngestScope, customers: readonly CustomerRecord[], tx?: IngestTransaction): Promise<IngestCounts> {
  if (customers.length === 0) return NO_COUNTS;
  const { records, dropped } = newestPerKey(customers, (c) => c.externalId, versionOf);
  const rows = records.map((customer) => ({
    id: newId(),
    externalId: customer.externalId,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    phone: customer.phone,
    state: customer.state,
    tags: joinedTags(customer.tags, `customer ${customer.externalId}`),
    numberOfOrders: customer.numberOfOrders,
    amountSpent: customer.amountSpent?.amount ?? null,
    currency: customer.amountSpent?.currency ?? null,
    sourceCreatedAt: customer.sourceCreatedAt,
    sourceUpdatedAt: customer.sourceUpdatedAt,
    observedAt: customer.observedAt,
    sourceHash: contentHash(customer),
  }));
  // Serialized with deletions of the connection (deletions.ts), so a deletion and a customer's
  // first copy committed at the same time cannot both miss the other.
  const result = await queryCountsSerialized<{ inserted: number; updated: number; deleted: number; unchanged: number }>(
    scope,
    INGEST_CUSTOMERS_SQL,
    [scope.workspaceId, scope.connectionId, ...INPUT.params({ customers: rows })],
    tx,
  );
  return checkedCounts("customers", { read: customers.length, ...result, unchanged: result.unchanged + dropped });
}
