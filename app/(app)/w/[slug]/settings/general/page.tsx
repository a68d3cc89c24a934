import type { Metadata } from "next";
import { DeleteWorkspaceCard } from "@/components/settings/delete-workspace-card";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "General settings" };

export default function GeneralSettingsPage() {
  return (
    <div className="flex flex-col gap-8">
      <div>
        <PageHeader title="General" description="Workspace name and address." />
        <WorkspaceNameForm />
      </div>
      <DeleteWorkspaceCard />
    </div>
  );
}
