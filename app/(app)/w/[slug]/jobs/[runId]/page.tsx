import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { JobRunDetailView } from "@/components/jobs/job-run-detail";
import { PageHeader } from "@/components/shell/page-header";
import { RecordStepper } from "@/components/shell/record-stepper";
import { buttonVariants } from "@/components/ui/button";
import { NoAccess } from "@/components/workspace/no-access";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "../../load-workspace";
import { orNotFound } from "../../or-not-found";

type Params = { params: Promise<{ slug: string; runId: string }> };

// Loaded before anything streams, so an unknown run (or another workspace's) is a real 404, titled
// by its not-found.tsx; once for the title and the page.
const loadRun = cache(async (slug: string, runId: string) => orNotFound((await api()).job.get({ workspaceSlug: slug, jobRunId: runId })));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, runId } = await params;
  const run = await loadRun(slug, runId);
  return { title: `${run.kindLabel} run` };
}

export default async function JobRunPage({ params }: Params) {
  const { slug, runId } = await params;
  const workspace = await loadWorkspace(slug);
  if (!workspace.permissions["jobs.read"]) return <NoAccess action="jobs.read" what="jobs" slug={workspace.slug} />;
  const run = await loadRun(workspace.slug, runId);

  return (
    <>
      <RecordStepper list="jobs" id={run.id} />
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
