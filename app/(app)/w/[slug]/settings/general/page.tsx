import type { Metadata } from "next";
import { DeleteWorkspaceCard } from "@/components/settings/delete-workspace-card";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { WorkspaceTimeZoneForm } from "@/components/settings/workspace-time-zone-form";
import { PageHeader } from "@/components/shell/page-header";
import { api } from "@/server/api/caller";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const timeZone = await (await api()).workspace.timeZone({ workspaceSlug: (await params).slug });
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-4">
        <PageHeader title="General" description="Workspace name, address and time zone." />
        <WorkspaceNameForm />
        <WorkspaceTimeZoneForm initial={timeZone} />
      </div>
      <DeleteWorkspaceCard />
    </div>
  );
}
