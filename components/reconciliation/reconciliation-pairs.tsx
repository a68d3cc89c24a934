"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTimeOrDash } from "@/components/ui/fact";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { MatchRateSparkline } from "./match-rate-sparkline";
import { MatchRateValue } from "./match-rate-value";

type Overview = inferRouterOutputs<AppRouter>["reconciliation"]["pairs"];

// The Reconciliation page: each store checked against its analytics property, with the latest
// day's match rate against the workspace's threshold and the trend of its latest days.
export function ReconciliationPairs() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const overview = useQuery(trpc.reconciliation.pairs.queryOptions({ workspaceSlug: slug }));
  const page = overview.data && { ...overview.data, items: overview.data.pairs };
  return (
    <TableCard query={{ ...overview, data: page }} what="reconciliations" skeleton={{ rows: 3, columns: 5 }} empty={page && <NothingToReconcile slug={slug} connected={page.connected} />}>
      {(data) => <PairsTable slug={slug} overview={data} />}
    </TableCard>
  );
}

function NothingToReconcile({ slug, connected }: { slug: string; connected: Overview["connected"] }) {
  const missing = [!connected.store && "a store", !connected.analytics && "a Google Analytics 4 property"].filter(Boolean).join(" and ");
  return (
    <EmptyState
      title="Nothing to reconcile yet"
      description={
        missing
          ? `Connect ${missing}: Meridian then checks, day by day, which of the store's orders analytics recorded and which it missed.`
          : "Your store and analytics property are connected: the first reconciliation appears here once both have synced."
      }
      action={
        <Link href={`/w/${slug}/connections`} className={buttonVariants({ size: "sm" })} data-testid="reconciliation-connect">
          Go to Connections
        </Link>
      }
    />
  );
}

function PairsTable({ slug, overview }: { slug: string; overview: Overview }) {
  return (
    <Table data-testid="reconciliation-pairs-table" stacked>
      <TableCaption>
        Each store against its analytics property; the match rate is the share of a day&apos;s orders analytics recorded (threshold {overview.settings.matchRateThresholdPercent}%).
      </TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Store and property</TableHead>
          <TableHead>Latest day</TableHead>
          <TableHead className="text-right">Match rate</TableHead>
          <TableHead className="hidden md:table-cell">Trend</TableHead>
          <TableHead className="hidden lg:table-cell">Last computed</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {overview.pairs.map((pair) => (
          <TableRow key={pair.id} data-testid="reconciliation-pair-row">
            <TableCell label="Store and property">
              <RowLink href={`/w/${slug}/reconciliation/${pair.id}`} data-testid="reconciliation-pair-link">
                {pair.store.displayName}
              </RowLink>
              <div className="text-xs text-muted-foreground">↔ {pair.analytics.displayName}</div>
              {pair.alertingSince && (
                <Badge variant="destructive" className="mt-1">
                  Below threshold since {pair.alertDate}
                </Badge>
              )}
            </TableCell>
            <TableCell label="Latest day" className="whitespace-nowrap">
              {pair.latest ? (
                <>
                  {pair.latest.date}
                  {!pair.latest.final && <div className="text-xs text-muted-foreground">not final yet</div>}
                </>
              ) : (
                <span className="text-muted-foreground">Not computed yet</span>
              )}
            </TableCell>
            <TableCell label="Match rate" className="text-right">
              <MatchRateValue rate={pair.latest?.matchRate ?? null} below={pair.latest?.belowThreshold ?? false} />
            </TableCell>
            <TableCell label="Trend" className="hidden md:table-cell">
              <MatchRateSparkline points={pair.sparkline} />
            </TableCell>
            <TableCell label="Last computed" className="hidden lg:table-cell whitespace-nowrap">
              <DateTimeOrDash value={pair.lastComputedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
