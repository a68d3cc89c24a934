import { Prisma } from "@/server/generated/prisma/client";
import { findCustomersInput, type FindCustomersInput } from "@/server/services/customers/schema";
import { likeLiteral } from "@/server/services/orders/like";
import { sqlSource } from "../keyset-sql";

// The Customers list's search (customer-search.ts) in SQL: the start of the email, or every word
// somewhere in the first or last name.
function searchCondition(search: string | undefined): Prisma.Sql {
  const term = search?.trim().toLowerCase();
  if (!term) return Prisma.sql`TRUE`;
  const literal = likeLiteral(term);
  const words = literal.split(/\s+/).map((word) => Prisma.sql`(c."firstName" ILIKE ${`%${word}%`} OR c."lastName" ILIKE ${`%${word}%`})`);
  return Prisma.sql`(c."emailLower" LIKE ${`${literal}%`} OR (${Prisma.join(words, " AND ")}))`;
}

const unlessRedacted = (sql: Prisma.Sql) => Prisma.sql`CASE WHEN c."redactedAt" IS NULL THEN ${sql} END`;

export const customersSource = sqlSource<FindCustomersInput>({
  list: "customers",
  fileStem: "customers",
  requires: "data.read",
  filters: findCustomersInput,
  keyset: { column: Prisma.sql`c."sourceCreatedAt"`, id: Prisma.sql`c.id`, direction: "desc", kind: "timestamp" },
  columns: [
    { key: "id", header: "Customer id", type: "text", sql: Prisma.sql`c.id` },
    { key: "name", header: "Name", type: "text", sql: unlessRedacted(Prisma.sql`NULLIF(concat_ws(' ', NULLIF(c."firstName", ''), NULLIF(c."lastName", '')), '')`) },
    { key: "email", header: "Email", type: "text", sql: unlessRedacted(Prisma.sql`c.email`) },
    { key: "phone", header: "Phone", type: "text", sql: unlessRedacted(Prisma.sql`c.phone`) },
    { key: "redacted", header: "Redacted", type: "boolean", sql: Prisma.sql`c."redactedAt" IS NOT NULL` },
    { key: "store", header: "Store", type: "text", sql: Prisma.sql`k."displayName"` },
    { key: "state", header: "State", type: "text", sql: Prisma.sql`c.state` },
    { key: "numberOfOrders", header: "Orders", type: "integer", sql: Prisma.sql`c."numberOfOrders"` },
    { key: "amountSpent", header: "Amount spent", type: "decimal", sql: Prisma.sql`trim_scale(c."amountSpent")` },
    { key: "currency", header: "Currency", type: "text", sql: Prisma.sql`c.currency` },
    { key: "tags", header: "Tags", type: "text", sql: Prisma.sql`array_to_string(c.tags, ', ')` },
    { key: "createdAt", header: "Customer since", type: "timestamp", sql: Prisma.sql`c."sourceCreatedAt"` },
  ],
  async from(workspaceId, filters) {
    return Prisma.sql`FROM "Customer" c JOIN "Connection" k ON k.id = c."connectionId"
      WHERE c."workspaceId" = ${workspaceId} AND c."deletedAt" IS NULL AND ${searchCondition(filters.search)}`;
  },
});
