import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ChartPoint, ChartSeries } from "./chart-data";

/** The figures of a chart as a table: what a screen reader reads, and what "Show as table" shows. */
export function ChartTable({ caption, axisLabel, points, series }: { caption: string; axisLabel: string; points: readonly ChartPoint[]; series: readonly ChartSeries[] }) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{axisLabel}</TableHead>
          {series.map((s) => (
            <TableHead key={s.key} className="text-right">
              {s.label}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {points.map((point) => (
          <TableRow key={point.label}>
            <TableCell className="whitespace-nowrap">{point.label}</TableCell>
            {series.map((s) => (
              <TableCell key={s.key} className="text-right tabular-nums">
                {point.display[s.key] ?? "—"}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
