import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ReconciliationDayView } from "@/components/reconciliation/reconciliation-day-view";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../../load-workspace";
import { orNotFound } from "../../../or-not-found";

type Params = { params: Promise<{ slug: string; pairId: string; date: string }> };

// Loaded before anything streams, so an unknown pair or day (or a malformed date) is a real 404,
// titled by its not-found.tsx; once for the title and the page.
const loadDay = cache(async (slug: string, pairId: string, date: string) =>
  orNotFound((await api()).reconciliation.day({ workspaceSlug: slug, pairId, date })),
);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, pairId, date } = await params;
  const detail = await loadDay(slug, pairId, date);
  return { title: `${detail.day.date}: ${detail.pair.store.displayName}` };
}

export default async function ReconciliationDayPage({ params }: Params) {
  const { slug, pairId, date } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="reconciliation" slug={workspace.slug} />;
  const detail = await loadDay(workspace.slug, pairId, date);

  return (
    <>
      <PageHeader
        title={`${detail.day.date}: ${detail.pair.store.displayName}`}
        description={`Against ${detail.pair.analytics.displayName}, the day counted in ${detail.pair.timeZone}.`}
        actions={
          <Link href={`/w/${workspace.slug}/reconciliation/${detail.pair.id}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All days
          </Link>
        }
      />
      <ReconciliationDayView pairId={detail.pair.id} date={detail.day.date} initialData={detail} />
    </>
  );
}
