import type { Metadata } from "next";
import { InvitationsTable } from "@/components/invitations/invitations-table";
import { InviteForm } from "@/components/invitations/invite-form";
import { PageHeader } from "@/components/shell/page-header";
import { NoAccess } from "@/components/workspace/no-access";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <>
      <PageHeader title="Invitations" description="Invite teammates by email and manage invitations that are still open." />
      {workspace.permissions["invitations.read"] ? (
        <div className="flex flex-col gap-6">
          {workspace.permissions["invitations.create"] && <InviteForm />}
          <InvitationsTable />
        </div>
      ) : (
        <NoAccess action="invitations.read" what="invitations" slug={workspace.slug} />
      )}
    </>
  );
}
