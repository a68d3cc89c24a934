"use client";

import { Card, CardContent } from "@/components/ui/card";
import { useFormat } from "@/components/ui/formats";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SalesChanges, SalesFigures, SalesTotals } from "./overview-types";
import { changeLabel } from "./format";

type Format = ReturnType<typeof useFormat>;
type Metric = { key: keyof SalesFigures & keyof SalesChanges; label: string; value: (figures: SalesFigures, currency: string, format: Format) => string };

const METRICS: Metric[] = [
  { key: "revenue", label: "Revenue", value: (f, c, format) => format.money(f.revenue, c) },
  { key: "orders", label: "Orders", value: (f, _, format) => format.quantity(f.orders) },
  { key: "averageOrderValue", label: "Average order value", value: (f, c, format) => format.money(f.averageOrderValue, c) },
  { key: "refunded", label: "Refunds", value: (f, c, format) => `${format.money(f.refunded, c)} (${format.quantity(f.refunds)})` },
  { key: "units", label: "Units sold", value: (f, _, format) => format.quantity(f.units) },
];

/** The period's figures per currency over the chosen stores, each against the previous period. */
export function OverviewTotals({ totals }: { totals: SalesTotals[] }) {
  const format = useFormat();
  const perCurrency = totals.filter((t) => t.connectionId === null);
  return (
    <div className="grid gap-4">
      {perCurrency.map((total) => (
        <section key={total.currency} aria-label={`Sales in ${total.currency}`} data-testid={`overview-totals-${total.currency}`}>
          {perCurrency.length > 1 && <h2 className="mb-2 text-sm font-medium text-muted-foreground">In {total.currency}</h2>}
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            {METRICS.map((metric) => (
              <Card key={metric.key}>
                <CardContent>
                  <dl className="grid gap-1">
                    <dt className="text-sm text-muted-foreground">{metric.label}</dt>
                    <dd className="text-2xl font-semibold tabular-nums" data-testid={`overview-${metric.key}-${total.currency}`}>
                      {metric.value(total.current, total.currency, format)}
                    </dd>
                    <dd className="text-xs text-muted-foreground">
                      <span className="sr-only">Change against the previous period: </span>
                      {changeLabel(total.change[metric.key])} <span aria-hidden>vs previous period</span>
                    </dd>
                  </dl>
                </CardContent>
              </Card>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

/** The same figures per store (one row per store and currency). */
export function StoreBreakdown({ totals, storeNames }: { totals: SalesTotals[]; storeNames: Map<string, string> }) {
  const format = useFormat();
  const rows = totals.filter((t) => t.connectionId !== null);
  return (
    <Table data-testid="overview-stores">
      <caption className="sr-only">Sales by store</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Store</TableHead>
          <TableHead className="text-right">Revenue</TableHead>
          <TableHead className="text-right">Orders</TableHead>
          <TableHead className="text-right">Average order</TableHead>
          <TableHead className="text-right">Refunded</TableHead>
          <TableHead className="text-right">Units</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.connectionId}-${row.currency}`}>
            <TableCell>{storeNames.get(row.connectionId!) ?? "Removed store"}</TableCell>
            <TableCell className="text-right tabular-nums">{format.money(row.current.revenue, row.currency)}</TableCell>
            <TableCell className="text-right tabular-nums">{format.quantity(row.current.orders)}</TableCell>
            <TableCell className="text-right tabular-nums">{format.money(row.current.averageOrderValue, row.currency)}</TableCell>
            <TableCell className="text-right tabular-nums">{format.money(row.current.refunded, row.currency)}</TableCell>
            <TableCell className="text-right tabular-nums">{format.quantity(row.current.units)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
