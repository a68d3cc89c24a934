import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, locationRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertLocation, insertProduct } from "@/prisma/factories/commerce-rows";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ProductDetailView } from "./product-detail";

describe("ProductDetailView", () => {
  it("shows variants with SKU, barcode and price, and stock per location, from product.get's real output", async () => {
    const scope = await buildCommerceScope();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, include: { memberships: { include: { user: true } } } });
    await insertLocation(scope, locationRecord("dock", { name: "Dockside" }));
    const product = await insertProduct(
      scope,
      productRecord("lamp", {
        title: "Brass Lamp",
        variants: [variantRecord("lamp-v1", { title: "Large", sku: "LAMP-L", barcode: "4006381333931", price: { amount: "1299.9", currency: "GBP" } })],
      }),
    );
    await insertInventoryLevels(scope, [inventoryLevelRecord(product.variants[0]!.inventoryItemExternalId!, "dock", { available: 0, onHand: 3, committed: 3 })]);

    const detail = await callerFor(workspace.memberships[0]!.user).product.get({ workspaceSlug: workspace.slug, productId: product.id });
    const html = renderToString(<ProductDetailView product={superjson.parse(superjson.stringify(detail))} />).replaceAll("<!-- -->", "");

    expect(html).toContain('data-testid="product-variant"');
    expect(html).toContain("LAMP-L");
    expect(html).toContain("4006381333931");
    expect(html).toContain("£1,299.90");
    expect(html).toContain("Dockside");
    expect(html).toMatch(/text-destructive">0</); // nothing available is flagged
  });
});
