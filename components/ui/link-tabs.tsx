"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type LinkTab = { href: string; label: string; testId?: string };

// Sections of a page that are each their own URL (their filters in their query string): links, the
// current one marked for assistive technology with aria-current.
export function LinkTabs({ label, tabs }: { label: string; tabs: readonly LinkTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-4 border-b">
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
