import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@/server/connectors/providers";
import { connectorFor } from "@/server/connectors/registry";
import { db } from "@/server/db";

// InventorySkuTotal's triggers place a connection on the store's or the 3PL's side in SQL
// (inventory_connection_side), where the page reads the connector registry: the two must agree,
// so a new stock-holding provider needs the function updated in a migration.
describe("inventory_connection_side", () => {
  it.each(PROVIDERS)("places %s where the connector registry's category does", async (provider) => {
    const category = connectorFor(provider).info.category;
    const expected = category === "store" || category === "fulfilment" ? category : null;
    const [row] = await db.$queryRaw<{ side: string | null }[]>`SELECT inventory_connection_side(${provider}) AS side`;
    expect(row!.side).toBe(expected);
  });

  it("places a provider no connector has on neither side", async () => {
    const [row] = await db.$queryRaw<{ side: string | null }[]>`SELECT inventory_connection_side('NOT_A_PROVIDER') AS side`;
    expect(row!.side).toBeNull();
  });
});
