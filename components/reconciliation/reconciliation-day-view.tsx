"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DateTimeOrDash, Fact } from "@/components/ui/fact";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { BREAKDOWN_DIMENSIONS, ISSUE_KINDS, type BreakdownEntry } from "@/server/services/reconciliation/schema";
import { MatchRateValue } from "./match-rate-value";
import { BREAKDOWN, formatMatchRate } from "./reconciliation-labels";
import { ReconciliationIssues } from "./reconciliation-issues";
import { useFormat } from "@/components/ui/formats";

type DayDetail = inferRouterOutputs<AppRouter>["reconciliation"]["day"];

// One day of a pair: its figures, every kind of issue behind them, where the misses came from, and
// how its figures moved when it was recomputed. Loaded by the page (an unknown day is a real 404).
export function ReconciliationDayView({ pairId, date, initialData }: { pairId: string; date: string; initialData: DayDetail }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.reconciliation.day.queryOptions({ workspaceSlug: slug, pairId, date }), initialData });
  const { day, revisions } = data;
  const money = (value: string) => format.money(value, day.currency);
  return (
    <div className="grid gap-6" data-testid="reconciliation-day">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Fact label="Match rate" testId="day-match-rate">
          <MatchRateValue rate={day.matchRate} below={day.belowThreshold} />
        </Fact>
        <Fact label="Store orders">
          {day.storeOrders} ({money(day.storeValue)})
        </Fact>
        <Fact label="In analytics">
          {day.analyticsTransactions} ({money(day.analyticsValue)})
        </Fact>
        <Fact label="Matched">{day.matched}</Fact>
        <Fact label="Missing in analytics" testId="day-missing">
          {day.missingCount} ({money(day.missingValue)})
        </Fact>
        <Fact label="Not in the store">
          {day.extraCount} ({money(day.extraValue)})
        </Fact>
        <Fact label="Transaction id (not set)">
          {day.notSetCount} ({money(day.notSetValue)})
        </Fact>
        <Fact label="Figures">
          {day.final ? "Final" : <Badge variant="warning">Not final yet</Badge>}
          <div className="text-xs text-muted-foreground">
            computed <DateTimeOrDash value={day.computedAt} />
          </div>
        </Fact>
      </dl>
      {ISSUE_KINDS.map((kind) => (
        <ReconciliationIssues key={kind} pairId={pairId} date={date} kind={kind} />
      ))}
      <Card data-testid="reconciliation-breakdown">
        <CardHeader>
          <CardTitle>Where the misses came from</CardTitle>
          <CardDescription>Orders analytics missed, by what the store knows of them; purchases it recorded wrongly, by the device it saw.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 md:grid-cols-3">
          {BREAKDOWN_DIMENSIONS.map((dimension) => (
            <BreakdownTable key={dimension} labels={BREAKDOWN[dimension]} entries={day.breakdown[dimension]} money={money} />
          ))}
        </CardContent>
      </Card>
      <Revisions revisions={revisions} />
    </div>
  );
}

function BreakdownTable({ labels, entries, money }: { labels: (typeof BREAKDOWN)[keyof typeof BREAKDOWN]; entries: BreakdownEntry[]; money: (value: string) => string }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium">{labels.title}</h3>
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{labels.none}</p>
      ) : (
        <Table>
          <TableCaption>{labels.caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead className="text-right">Orders</TableHead>
              <TableHead className="text-right">Value</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.name}>
                <TableCell>{entry.name}</TableCell>
                <TableCell className="text-right tabular-nums">{entry.count}</TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">{money(entry.value)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

const figure = (figures: Record<string, unknown>, name: string) => (typeof figures[name] === "number" ? String(figures[name]) : "—");

function Revisions({ revisions }: { revisions: DayDetail["revisions"] }) {
  return (
    <Card data-testid="reconciliation-revisions">
      <CardHeader>
        <CardTitle>Earlier figures of this day</CardTitle>
      </CardHeader>
      <CardContent>
        {revisions.length === 0 ? (
          <p className="text-sm text-muted-foreground">This day&apos;s figures have not changed since it was first computed.</p>
        ) : (
          <Table>
            <TableCaption>Earlier figures, newest first</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Replaced</TableHead>
                <TableHead>Computed</TableHead>
                <TableHead className="text-right">Match rate</TableHead>
                <TableHead className="text-right">Orders</TableHead>
                <TableHead className="text-right">Matched</TableHead>
                <TableHead className="text-right">Missing</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {revisions.map((revision) => (
                <TableRow key={revision.id} data-testid="reconciliation-revision-row">
                  <TableCell className="whitespace-nowrap">
                    <DateTimeOrDash value={revision.replacedAt} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <DateTimeOrDash value={revision.computedAt} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatMatchRate(revision.matchRate)}</TableCell>
                  <TableCell className="text-right tabular-nums">{figure(revision.figures, "storeOrders")}</TableCell>
                  <TableCell className="text-right tabular-nums">{figure(revision.figures, "matched")}</TableCell>
                  <TableCell className="text-right tabular-nums">{figure(revision.figures, "missingCount")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
