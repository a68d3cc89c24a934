import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

// A connection of a workspace; a Shopify store connected through OAuth, ACTIVE, hourly and never
// synced unless overridden (a connection made with entered credentials says authMethod: "CREDENTIALS").
export async function buildConnection(workspaceId: string, overrides: Partial<Prisma.ConnectionUncheckedCreateInput> = {}) {
  const tag = randomUUID().slice(0, 8);
  return db.connection.create({
    data: {
      provider: "SHOPIFY",
      externalAccountId: `shop-${tag}.myshopify.com`,
      displayName: `Shop ${tag}`,
      status: "ACTIVE",
      authMethod: "OAUTH",
      syncFrequencyMinutes: 60,
      ...overrides,
      workspaceId,
    },
  });
}
