import type { Metadata } from "next";
import { ConnectionsList } from "@/components/connections/connections-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ connected?: string | string[] }>;
}) {
  const workspace = await loadWorkspace((await params).slug);
  // Set by the Shopify install callback when it lands here.
  const { connected } = await searchParams;

  return (
    <>
      <PageHeader title="Connections" description="The stores and services this workspace syncs from." />
      {workspace.permissions["connections.read"] ? <ConnectionsList justConnected={typeof connected === "string" ? connected : undefined} /> : <NoAccess action="connections.read" what="connections" slug={workspace.slug} />}
    </>
  );
}
