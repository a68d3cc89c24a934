import type { Metadata } from "next";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "General settings" };

export default function GeneralSettingsPage() {
  return (
    <>
      <PageHeader title="General" description="Workspace name and address." />
      <WorkspaceNameForm />
    </>
  );
}
