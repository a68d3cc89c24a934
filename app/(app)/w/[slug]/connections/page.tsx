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
  searchParams: Promise<{ connected?: string | string[]; connect?: string | string[] }>;
}) {
  const workspace = await loadWorkspace((await params).slug);
  // `connected`: set by the connect callback when it lands here; `connect`: the provider a
  // reconnect link asks for.
  const { connected, connect } = await searchParams;
  const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

  return (
    <>
      <PageHeader title="Connections" description="The stores and services this workspace syncs from." />
      {workspace.permissions["connections.read"] ? <ConnectionsList justConnected={one(connected)} connect={one(connect)} /> : <NoAccess action="connections.read" what="connections" slug={workspace.slug} />}
    </>
  );
}
