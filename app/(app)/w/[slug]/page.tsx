import type { Metadata } from "next";
import Link from "next/link";
import { auditActionLabel, auditTargetLabel } from "@/components/audit/audit-actions";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { RoleBadge } from "@/components/workspace/role-badge";
import { api } from "@/server/api/caller";
import { loadWorkspace } from "./load-workspace";

export const metadata: Metadata = { title: "Overview" };

const MEMBER_COUNT_LIMIT = 100;
const RECENT_ACTIVITY = 5;

export default async function OverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const workspace = await loadWorkspace((await params).slug);
  const caller = await api();
  const [members, activity] = await Promise.all([
    caller.member.list({ workspaceSlug: workspace.slug, limit: MEMBER_COUNT_LIMIT }),
    workspace.permissions["audit.read"]
      ? caller.audit.list({ workspaceSlug: workspace.slug, limit: RECENT_ACTIVITY })
      : Promise.resolve(null),
  ]);
  const memberCount = members.nextCursor ? `${MEMBER_COUNT_LIMIT}+` : String(members.items.length);

  return (
    <>
      <PageHeader title={workspace.name} description="Workspace overview" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardContent className="grid gap-2">
            <p className="text-sm text-muted-foreground">Your role</p>
            <div data-testid="overview-role">
              <RoleBadge role={workspace.role} />
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardContent className="grid gap-1">
            <p className="text-sm text-muted-foreground">Members</p>
            <p className="text-2xl font-semibold tabular-nums" data-testid="overview-member-count">
              {memberCount}
            </p>
            <Link href={`/w/${workspace.slug}/settings/members`} className="text-sm font-medium text-primary hover:underline">
              View members
            </Link>
          </CardContent>
        </Card>
      </div>

      {activity && (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Recent activity</CardTitle>
            <CardDescription>The latest changes in this workspace.</CardDescription>
          </CardHeader>
          <CardContent className="pt-3">
            {activity.items.length === 0 ? (
              <EmptyState title="No activity yet" className="py-6" />
            ) : (
              <ul className="divide-y" data-testid="overview-activity">
                {activity.items.map((entry) => (
                  <li key={entry.id} className="flex flex-col gap-0.5 py-2.5 sm:flex-row sm:items-center sm:gap-4">
                    <time dateTime={entry.createdAt.toISOString()} className="w-40 shrink-0 text-xs text-muted-foreground">
                      {formatDateTime(entry.createdAt)}
                    </time>
                    <span className="text-sm">
                      <span className="font-medium">{entry.actor?.name ?? entry.actor?.email ?? "System"}</span>
                      {" · "}
                      {auditActionLabel(entry.action)}
                      <span className="text-muted-foreground"> · {auditTargetLabel(entry)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <Link
              href={`/w/${workspace.slug}/settings/audit`}
              className="mt-3 inline-block text-sm font-medium text-primary hover:underline"
            >
              Open the audit log
            </Link>
          </CardContent>
        </Card>
      )}
    </>
  );
}
