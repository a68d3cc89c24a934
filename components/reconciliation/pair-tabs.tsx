"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useWorkspace } from "@/components/workspace/workspace-context";

// A pair's two views, each its own URL: its days, and its issues across a range of days. The
// current one is marked for assistive technology with aria-current.
export function PairTabs({ pairId }: { pairId: string }) {
  const { slug } = useWorkspace();
  const pathname = usePathname();
  const base = `/w/${slug}/reconciliation/${pairId}`;
  const tabs = [
    { href: base, label: "Days", testId: "pair-tab-days" },
    { href: `${base}/issues`, label: "Issues", testId: "pair-tab-issues" },
  ];
  return (
    <nav aria-label="Reconciliation views" className="mb-4 border-b">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const current = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                data-testid={tab.testId}
                className={cn(
                  "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                  current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
