import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PayoutDetailView } from "@/components/payouts/payout-detail";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Payout" };

export default async function PayoutPage({ params }: { params: Promise<{ slug: string; payoutId: string }> }) {
  const { slug, payoutId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["data.read"]) return <NoAccess action="data.read" what="payouts" slug={workspace.slug} />;

  // Loaded here so an unknown payout (or another workspace's) is a real 404.
  const payout = await (await api()).payouts.get({ workspaceSlug: workspace.slug, payoutId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

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
