import type { Metadata } from "next";
import { RetentionSettings } from "@/components/retention/retention-settings";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Data retention" };

export default async function RetentionPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Data retention" description="How long job history, webhooks, audit entries and emails are kept." />
      {workspace.permissions["settings.retention"] ? (
        <RetentionSettings />
      ) : (
        <NoAccess action="settings.retention" what="retention settings" slug={workspace.slug} />
      )}
    </>
  );
}
