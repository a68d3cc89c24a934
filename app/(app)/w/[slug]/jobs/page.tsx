import type { Metadata } from "next";
import { JobHistory } from "@/components/jobs/job-history";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Jobs" description="Syncs and other background jobs in this workspace, newest first." />
      {workspace.permissions["jobs.read"] ? <JobHistory /> : <NoAccess action="jobs.read" what="jobs" slug={workspace.slug} />}
    </>
  );
}
