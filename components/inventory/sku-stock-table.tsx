"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { useFormat } from "@/components/ui/formats";
import type { ListTableParts } from "@/components/ui/list-table-card";
import { SelectPageHead, SelectRowCell } from "@/components/ui/row-selection";
import { SortableHead, type TableSort } from "@/components/ui/sortable-head";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";
import type { InventorySkuSort } from "@/server/services/inventory/schema";

export type SkuStock = inferRouterOutputs<AppRouter>["inventory"]["bySku"]["items"][number];
type AtLocation = SkuStock["locations"][number];

// The row's cells (selection, SKU, title, two totals, the 3PL's three figures, difference), which its breakdown spans.
const COLUMNS = 9;

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

const SORT_CAPTIONS: Record<InventorySkuSort, Record<"asc" | "desc", string>> = {
  sku: { asc: "in SKU order", desc: "in reverse SKU order" },
  title: { asc: "by title, A first", desc: "by title, Z first" },
  storeAvailable: { asc: "lowest store available first", desc: "highest store available first" },
  fulfillable: { asc: "lowest 3PL fulfillable first", desc: "highest 3PL fulfillable first" },
  difference: { asc: "smallest difference first, SKUs in one system only last", desc: "largest difference first, SKUs in one system only last" },
};

// One row per SKU with the store's and the 3PL's totals, sortable by its headers, each row
// selectable (by its SKU) and opening (a button, so Enter and Space work) onto its per-location
// breakdown. Under 640 px each row is a card of labelled lines.
export function SkuStockTable({
  items,
  busy,
  sort,
  selection,
  tableRef,
}: { items: readonly SkuStock[]; busy: boolean; sort: TableSort<InventorySkuSort> } & ListTableParts) {
  const format = useFormat();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (sku: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(sku)) next.add(sku);
      return next;
    });

  return (
    <Table data-testid="inventory-sku-table" aria-busy={busy || undefined} stacked ref={tableRef} tabIndex={-1}>
      <TableCaption>{`Stock by SKU across store and fulfilment centres, ${SORT_CAPTIONS[sort.sort][sort.dir]}`}</TableCaption>
      <TableHeader>
        <TableRow>
          <SelectPageHead selection={selection} what="SKU" />
          <SortableHead label="SKU" sort="sku" table={sort} />
          <SortableHead label="Title" sort="title" table={sort} />
          <SortableHead label="Store available" sort="storeAvailable" table={sort} className="text-right" />
          <SortableHead label="3PL fulfillable" sort="fulfillable" table={sort} className="text-right" />
          <TableHead className="hidden text-right md:table-cell">On hand</TableHead>
          <TableHead className="hidden text-right md:table-cell">Committed</TableHead>
          <TableHead className="hidden text-right lg:table-cell">Awaiting</TableHead>
          <SortableHead label="Difference" sort="difference" table={sort} className="text-right" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((row, index) => {
          const expanded = open.has(row.sku);
          const detailId = `inventory-sku-detail-${index}`;
          return (
            <Fragment key={row.sku}>
              <TableRow data-testid="inventory-sku-row" data-sku={row.sku}>
                <SelectRowCell selection={selection} id={row.id} name={row.sku} />
                <TableCell label="SKU">
                  <button
                    type="button"
                    className="flex min-h-6 items-start gap-1 rounded text-left focus-visible:outline-2 focus-visible:outline-ring"
                    aria-expanded={expanded}
                    aria-controls={detailId}
                    onClick={() => toggle(row.sku)}
                  >
                    <span aria-hidden="true" className="w-3 text-muted-foreground">
                      {expanded ? "▾" : "▸"}
                    </span>
                    <span className="font-mono text-xs leading-6">{row.sku}</span>
                  </button>
                </TableCell>
                <TableCell label="Title" className="text-muted-foreground">{row.title}</TableCell>
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
                <TableCell colSpan={COLUMNS}>
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
