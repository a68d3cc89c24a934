"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { StatusBadge } from "@/components/orders/order-badges";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TagList } from "@/components/ui/tag-list";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";
import { useFormat } from "@/components/ui/formats";

type ProductDetail = inferRouterOutputs<AppRouter>["product"]["get"];

// A product's variants, each with its price and its stock at every location that holds it.
export function ProductDetailView({ product }: { product: ProductDetail }) {
  const format = useFormat();
  return (
    <div className="grid gap-6" data-testid="product-detail">
      <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
        <StatusBadge kind="product" status={product.status} />
        {product.vendor && <span>{product.vendor}</span>}
        {product.productType && <span>· {product.productType}</span>}
        <TagList tags={product.tags} />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Variants</CardTitle>
        </CardHeader>
        <CardContent className="px-0 pb-2">
          {product.variants.length === 0 ? (
            <EmptyState title="No variants" description="The store sent this product without variants." />
          ) : (
            <Table data-testid="product-variants">
              <TableCaption>Variants of {product.title}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Variant</TableHead>
                  <TableHead>SKU</TableHead>
                  <TableHead className="hidden md:table-cell">Barcode</TableHead>
                  <TableHead className="text-right">Price</TableHead>
                  <TableHead className="text-right">Available</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {product.variants.map((variant) => (
                  <TableRow key={variant.id} data-testid="product-variant">
                    <TableCell className="font-medium">{variant.title}</TableCell>
                    <TableCell className="font-mono text-xs">{variant.sku ?? <span className="font-sans text-muted-foreground">—</span>}</TableCell>
                    <TableCell className="hidden font-mono text-xs md:table-cell">
                      {variant.barcode ?? <span className="font-sans text-muted-foreground">—</span>}
                    </TableCell>
                    <TableCell className="text-right whitespace-nowrap tabular-nums">
                      {variant.price !== null && variant.currency !== null ? (
                        format.money(variant.price, variant.currency)
                      ) : (
                        <span className="text-muted-foreground" title="This source keeps no prices">—</span>
                      )}
                      {variant.compareAtPrice && variant.currency && (
                        <div className="text-xs text-muted-foreground">
                          <s aria-label={`compare at ${format.money(variant.compareAtPrice, variant.currency)}`}>
                            {format.money(variant.compareAtPrice, variant.currency)}
                          </s>
                        </div>
                      )}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{format.quantity(variant.totalAvailable)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Inventory by location</CardTitle>
        </CardHeader>
        <CardContent className="px-0 pb-2">
          {product.variants.every((v) => v.inventory.length === 0) ? (
            <EmptyState title="No inventory synced" description="This product's stock is not tracked, or no inventory has been synced yet." />
          ) : (
            <Table data-testid="product-inventory">
              <TableCaption>Stock of each variant at each location</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Variant</TableHead>
                  <TableHead>Location</TableHead>
                  <TableHead className="text-right">Available</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">On hand</TableHead>
                  <TableHead className="hidden text-right md:table-cell">Committed</TableHead>
                  <TableHead className="hidden text-right md:table-cell">Incoming</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {product.variants.flatMap((variant) =>
                  variant.inventory.map((stock, index) => (
                    <TableRow key={`${variant.id}-${stock.locationId ?? index}`}>
                      <TableCell>{index === 0 ? variant.title : <span className="sr-only">{variant.title}</span>}</TableCell>
                      <TableCell>{stock.locationName}</TableCell>
                      <TableCell className={stock.available <= 0 ? "text-right tabular-nums text-destructive" : "text-right tabular-nums"}>
                        {format.quantity(stock.available)}
                      </TableCell>
                      <TableCell className="hidden text-right tabular-nums sm:table-cell">{format.quantity(stock.onHand)}</TableCell>
                      <TableCell className="hidden text-right tabular-nums md:table-cell">{format.quantity(stock.committed)}</TableCell>
                      <TableCell className="hidden text-right tabular-nums md:table-cell">{format.quantity(stock.incoming)}</TableCell>
                    </TableRow>
                  )),
                )}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
