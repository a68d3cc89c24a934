import type { Metadata } from "next";
import { ConnectionsList } from "@/components/connections/connections-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Connections" description="The stores and services this workspace syncs from." />
      {workspace.permissions["connections.read"] ? <ConnectionsList /> : <NoAccess what="connections" slug={workspace.slug} />}
    </>
  );
}
