import { db } from "@/server/db";

/** A person's saved view of the Orders list ("Paid + unfulfilled" unless named otherwise). */
export function buildSavedView(workspaceId: string, userId: string, overrides: { name?: string; list?: string; query?: string } = {}) {
  return db.savedView.create({
    data: { workspaceId, userId, list: "orders", name: "Paid + unfulfilled", query: "financial=PAID&fulfillment=UNFULFILLED", ...overrides },
  });
}
