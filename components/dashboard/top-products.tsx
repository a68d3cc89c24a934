"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { useFormat } from "@/components/ui/formats";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TopProduct } from "./overview-types";

export function TopProducts({ products, storeNames }: { products: TopProduct[]; storeNames: Map<string, string> }) {
  const format = useFormat();
  if (products.length === 0) return <EmptyState title="No products sold in this period" className="py-8" />;
  const manyStores = new Set(products.map((p) => p.connectionId)).size > 1;
  return (
    <Table data-testid="overview-top-products">
      <caption className="sr-only">Top products by units sold</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Product</TableHead>
          <TableHead className="text-right">Units</TableHead>
          <TableHead className="text-right">Revenue</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {products.map((p) => (
          <TableRow key={`${p.connectionId}-${p.productKey}-${p.currency}`}>
            <TableCell>
              {p.title}
              {manyStores && <span className="block text-xs text-muted-foreground">{storeNames.get(p.connectionId) ?? "Removed store"}</span>}
            </TableCell>
            <TableCell className="text-right tabular-nums">{format.quantity(p.units)}</TableCell>
            <TableCell className="text-right tabular-nums">{format.money(p.revenue, p.currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
