import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { PayoutDetailView } from "@/components/payouts/payout-detail";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";
import { orNotFound } from "../../or-not-found";

type Params = { params: Promise<{ slug: string; payoutId: string }> };

// Loaded before anything streams, so an unknown payout (or another workspace's) is a real 404,
// titled by its not-found.tsx; once for the title and the page.
const loadPayout = cache(async (slug: string, payoutId: string) => orNotFound((await api()).payouts.get({ workspaceSlug: slug, payoutId })));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, payoutId } = await params;
  const payout = await loadPayout(slug, payoutId);
  return { title: `Payout ${payout.externalId}` };
}

export default async function PayoutPage({ params }: Params) {
  const { slug, payoutId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="payouts" slug={workspace.slug} />;
  const payout = await loadPayout(workspace.slug, payoutId);

  return (
    <>
      <PageHeader
        title={`Payout ${payout.externalId}`}
        description={payout.connection.displayName}
        actions={
          <Link href={`/w/${workspace.slug}/payouts`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All payouts
          </Link>
        }
      />
      <PayoutDetailView payoutId={payout.id} initialData={payout} />
    </>
  );
}
