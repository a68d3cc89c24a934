import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobRunDetailView } from "@/components/jobs/job-run-detail";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Job run" };

export default async function JobRunPage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const { slug, runId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["jobs.read"]) return <NoAccess action="jobs.read" what="jobs" slug={workspace.slug} />;

  // Loaded here so an unknown run (or another workspace's) is a real 404, and the page paints
  // with data; the client view then keeps it live.
  const run = await (await api()).job.get({ workspaceSlug: workspace.slug, jobRunId: runId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

  return (
    <>
      <PageHeader
        title={`${run.kindLabel} run`}
        description={run.connection ? run.connection.displayName : undefined}
        actions={
          <Link href={`/w/${workspace.slug}/jobs`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            All jobs
          </Link>
        }
      />
      <JobRunDetailView jobRunId={run.id} initialData={run} />
    </>
  );
}
