import type { Metadata } from "next";
import Link from "next/link";
import { OverviewFilters } from "@/components/dashboard/overview-filters";
import { overviewParamsFrom } from "@/components/dashboard/overview-params";
import { MatchRateTrend } from "@/components/dashboard/match-rate-trend";
import { OverviewTotals, StoreBreakdown } from "@/components/dashboard/overview-totals";
import { RecountNotice } from "@/components/dashboard/recount-notice";
import { OrdersChart, RevenueCharts } from "@/components/dashboard/sales-charts";
import { SyncHealthTable } from "@/components/dashboard/sync-health-table";
import { TopProducts } from "@/components/dashboard/top-products";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDay } from "@/components/ui/format";
import { RoleBadge } from "@/components/workspace/role-badge";
import { api } from "@/server/api/caller";
import { requestLocale } from "@/server/locale/request-locale";
import { loadWorkspace } from "../load-workspace";

// Resolved with the workspace, so an unknown one is titled by the not-found page, not "Overview".
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  await loadWorkspace((await params).slug);
  return { title: "Overview" };
}

export default async function OverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const workspace = await loadWorkspace((await params).slug);
  const chosen = overviewParamsFrom(await searchParams);
  const overview = await (await api()).dashboard.overview({ workspaceSlug: workspace.slug, ...chosen.params });
  const storeNames = new Map(overview.syncHealth.map((c) => [c.connectionId, c.displayName]));
  const { period } = overview;
  const locale = await requestLocale();
  const hasSales = overview.totals.length > 0;

  return (
    <>
      <PageHeader
        title={workspace.name}
        description={`${formatDay(period.from, locale)} – ${formatDay(period.to, locale)}, against the ${period.days} days before · days in ${overview.timeZone}`}
        actions={
          <span data-testid="overview-role">
            <RoleBadge role={workspace.role} />
          </span>
        }
      />
      {overview.syncHealth.length === 0 ? (
        <Card>
          <EmptyState
            title="Nothing to show yet"
            description="Connect your store and the overview fills with its sales, products and syncs."
            action={
              <Link href={`/w/${workspace.slug}/connections`} className={buttonVariants()}>
                Connect a store
              </Link>
            }
          />
        </Card>
      ) : (
        <div className="grid gap-6">
          <OverviewFilters params={chosen.params} period={period} stores={overview.stores} />
          {chosen.malformed && <Alert variant="warning">That link&apos;s period could not be read; showing the last 30 days.</Alert>}
          {overview.recountingIn && <RecountNotice key={overview.recountingIn} recountingIn={overview.recountingIn} timeZone={overview.timeZone} />}
          {hasSales ? (
            <>
              <OverviewTotals totals={overview.totals} />
              <Card>
                <CardHeader>
                  <CardTitle>Sales over time</CardTitle>
                </CardHeader>
                <CardContent className="grid gap-8 pt-3">
                  <RevenueCharts series={overview.series} bucket={period.bucket} />
                  <OrdersChart series={overview.series} bucket={period.bucket} />
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>By store</CardTitle>
                </CardHeader>
                <CardContent className="pt-3">
                  <StoreBreakdown totals={overview.totals} storeNames={storeNames} />
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>Top products</CardTitle>
                  <CardDescription>By units sold in the period.</CardDescription>
                </CardHeader>
                <CardContent className="pt-3">
                  <TopProducts products={overview.topProducts} storeNames={storeNames} />
                </CardContent>
              </Card>
            </>
          ) : (
            <Card>
              <EmptyState title="No sales in this period" description="Choose a longer period, or wait for the next sync." />
            </Card>
          )}
          <Card>
            <CardHeader>
              <CardTitle>Analytics match rate</CardTitle>
            </CardHeader>
            <CardContent className="pt-3">
              <MatchRateTrend points={overview.matchRate} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Sync health</CardTitle>
              <CardDescription>Every connection&apos;s syncs.</CardDescription>
            </CardHeader>
            <CardContent className="pt-3">
              <SyncHealthTable connections={overview.syncHealth} slug={workspace.slug} />
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}
