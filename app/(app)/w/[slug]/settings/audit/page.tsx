import type { Metadata } from "next";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Audit log" description="Who changed what in this workspace, newest first." />
      {workspace.permissions["audit.read"] ? <AuditLogTable /> : <NoAccess action="audit.read" what="the audit log" slug={workspace.slug} />}
    </>
  );
}
