import type { Metadata } from "next";
import Link from "next/link";
import { LeaveWorkspaceCard } from "@/components/members/leave-workspace-card";
import { MembersTable } from "@/components/members/members-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { loadWorkspace } from "../../load-workspace";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);

  return (
    <div className="flex flex-col gap-8">
      <div>
        <PageHeader
          title="Members"
          description="Everyone who can open this workspace, and what they may do."
          actions={
            workspace.permissions["invitations.create"] && (
              <Link
                href={`/w/${workspace.slug}/settings/invitations`}
                className={buttonVariants({ size: "sm" })}
                data-testid="members-invite-link"
              >
                Invite teammate
              </Link>
            )
          }
        />
        <MembersTable />
      </div>
      <LeaveWorkspaceCard />
    </div>
  );
}
