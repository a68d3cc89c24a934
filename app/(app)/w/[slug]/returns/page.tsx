import type { Metadata } from "next";
import { ReturnsList } from "@/components/returns/returns-list";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../load-workspace";

export const metadata: Metadata = { title: "Returns" };

export default async function ReturnsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Returns" description="Returns your 3PL is receiving back, the newest first." />
      {workspace.permissions["data.read"] ? <ReturnsList /> : <NoAccess action="data.read" what="returns" slug={workspace.slug} />}
    </>
  );
}
