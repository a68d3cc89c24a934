import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export function NoAccess({ what, slug }: { what: string; slug: string }) {
  return (
    <Card data-testid="no-access">
      <EmptyState
        icon={
          <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-8">
            <path strokeLinecap="round" strokeLinejoin="round" d="M16.5 10.5V6.75a4.5 4.5 0 1 0-9 0v3.75m-.75 11.25h10.5a2.25 2.25 0 0 0 2.25-2.25v-6.75a2.25 2.25 0 0 0-2.25-2.25H6.75a2.25 2.25 0 0 0-2.25 2.25v6.75a2.25 2.25 0 0 0 2.25 2.25Z" />
          </svg>
        }
        title="You don't have access"
        description={`Only workspace admins and owners can see ${what}. Ask one of them if you need it.`}
        action={
          <Link href={`/w/${slug}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Back to overview
          </Link>
        }
      />
    </Card>
  );
}
