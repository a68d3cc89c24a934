import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { roleLabel } from "@/components/workspace/role-badge";
import { minRoleFor, type Action } from "@/server/auth/permissions";

// The role named is the one the permission table asks for, so the text cannot drift from it.
export function NoAccess({ action, what, slug }: { action: Action; what: string; slug: string }) {
  const role = minRoleFor(action);
  return (
    <Card data-testid="no-access">
      <EmptyState
        icon={
          <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-8">
            <path strokeLinecap="round" strokeLinejoin="round" d="M16.5 10.5V6.75a4.5 4.5 0 1 0-9 0v3.75m-.75 11.25h10.5a2.25 2.25 0 0 0 2.25-2.25v-6.75a2.25 2.25 0 0 0-2.25-2.25H6.75a2.25 2.25 0 0 0-2.25 2.25v6.75a2.25 2.25 0 0 0 2.25 2.25Z" />
          </svg>
        }
        title="You don't have access"
        description={`Seeing ${what} takes the ${roleLabel(role).toLowerCase()} role${role === "OWNER" ? "" : " or a higher one"}. Ask an owner of this workspace if you need it.`}
        action={
          <Link href={`/w/${slug}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Back to overview
          </Link>
        }
      />
    </Card>
  );
}
