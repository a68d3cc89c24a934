"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";
import { useFormat } from "@/components/ui/formats";

export type SkuStock = inferRouterOutputs<AppRouter>["inventory"]["bySku"]["items"][number];
type AtLocation = SkuStock["locations"][number];

function Difference({ row }: { row: SkuStock }) {
  const format = useFormat();
  if (row.difference === null) {
    return <Badge variant="outline">{row.inStore ? "Store only" : "3PL only"}</Badge>;
  }
  return row.difference === 0 ? (
    <span className="tabular-nums text-muted-foreground">0</span>
  ) : (
    <span className="font-medium tabular-nums text-warning">{row.difference > 0 ? `+${format.quantity(row.difference)}` : format.quantity(row.difference)}</span>
  );
}

function locationName(location: AtLocation): string {
  return location.name ?? `${location.locationExternalId} (not synced yet)`;
}

function Breakdown({ row }: { row: SkuStock }) {
  const format = useFormat();
  const store = row.locations.filter((l) => l.side === "store");
  const centres = row.locations.filter((l) => l.side === "fulfilment");
  return (
    <div className="grid gap-4 py-2 sm:grid-cols-2">
      <section aria-label={`Store stock of ${row.sku}`}>
        <h3 className="text-xs font-medium text-muted-foreground">Store locations: available</h3>
        {store.length ? (
          <ul className="mt-1 text-sm">
            {store.map((l) => (
              <li key={`${l.connectionId}|${l.locationExternalId}`} className="flex justify-between gap-4">
                <span>{locationName(l)}</span>
                <span className="tabular-nums">{format.quantity(l.available)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-muted-foreground">{row.inStore ? "No stock levels" : "Not in the store"}</p>
        )}
      </section>
      <section aria-label={`3PL stock of ${row.sku}`}>
        <h3 className="text-xs font-medium text-muted-foreground">Fulfilment centres: fulfillable · on hand · committed · awaiting</h3>
        {centres.length ? (
          <ul className="mt-1 text-sm">
            {centres.map((l) => (
              <li key={`${l.connectionId}|${l.locationExternalId}`} className="flex justify-between gap-4">
                <span>{locationName(l)}</span>
                <span className="tabular-nums">
                  {[l.available, l.onHand, l.committed, l.incoming].map((n) => format.quantity(n)).join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-muted-foreground">{row.inFulfilment ? "No stock levels" : "Not at the 3PL"}</p>
        )}
      </section>
    </div>
  );
}

// One row per SKU with the store's and the 3PL's totals; each row opens (a button, so Enter and
// Space work) onto its per-location breakdown.
export function SkuStockTable({ items, busy, caption }: { items: readonly SkuStock[]; busy: boolean; caption: string }) {
  const format = useFormat();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (sku: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(sku)) next.add(sku);
      return next;
    });

  return (
    <Table data-testid="inventory-sku-table" aria-busy={busy || undefined} stacked>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>SKU</TableHead>
          <TableHead className="text-right">Store available</TableHead>
          <TableHead className="text-right">3PL fulfillable</TableHead>
          <TableHead className="hidden text-right md:table-cell">On hand</TableHead>
          <TableHead className="hidden text-right md:table-cell">Committed</TableHead>
          <TableHead className="hidden text-right lg:table-cell">Awaiting</TableHead>
          <TableHead className="text-right">Difference</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((row, index) => {
          const expanded = open.has(row.sku);
          const detailId = `inventory-sku-detail-${index}`;
          return (
            <Fragment key={row.sku}>
              <TableRow data-testid="inventory-sku-row" data-sku={row.sku}>
                <TableCell label="SKU">
                  <button
                    type="button"
                    className="flex items-start gap-1 rounded text-left focus-visible:outline-2 focus-visible:outline-ring"
                    aria-expanded={expanded}
                    aria-controls={detailId}
                    onClick={() => toggle(row.sku)}
                  >
                    <span aria-hidden="true" className="w-3 text-muted-foreground">
                      {expanded ? "▾" : "▸"}
                    </span>
                    <span>
                      <span className="font-mono text-xs">{row.sku}</span>
                      {row.title && <span className="block text-xs text-muted-foreground">{row.title}</span>}
                    </span>
                  </button>
                </TableCell>
                <TableCell label="Store available" className="text-right tabular-nums">{row.inStore ? format.quantity(row.storeAvailable) : "—"}</TableCell>
                <TableCell label="3PL fulfillable" className="text-right tabular-nums">{row.inFulfilment ? format.quantity(row.fulfillable) : "—"}</TableCell>
                <TableCell label="On hand" className="hidden text-right tabular-nums md:table-cell">{row.inFulfilment ? format.quantity(row.onHand) : "—"}</TableCell>
                <TableCell label="Committed" className="hidden text-right tabular-nums md:table-cell">{row.inFulfilment ? format.quantity(row.committed) : "—"}</TableCell>
                <TableCell label="Awaiting" className="hidden text-right tabular-nums lg:table-cell">{row.inFulfilment ? format.quantity(row.awaiting) : "—"}</TableCell>
                <TableCell label="Difference" className="text-right">
                  <Difference row={row} />
                </TableCell>
              </TableRow>
              <TableRow id={detailId} data-testid="inventory-sku-detail" hidden={!expanded}>
                <TableCell colSpan={7}>
                  <Breakdown row={row} />
                </TableCell>
              </TableRow>
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
