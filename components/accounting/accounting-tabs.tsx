"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useWorkspace } from "@/components/workspace/workspace-context";

export const ACCOUNTING_TABS = [
  { segment: "invoices", label: "Invoices" },
  { segment: "bills", label: "Bills" },
  { segment: "bank-transactions", label: "Bank transactions" },
  { segment: "contacts", label: "Contacts" },
] as const;

// The Accounting page's sections: links (each its own URL, its filters in its query string), the
// current one marked for assistive technology with aria-current.
export function AccountingTabs() {
  const { slug } = useWorkspace();
  const pathname = usePathname();
  return (
    <nav aria-label="Accounting sections" className="mb-4 border-b">
      <ul className="-mb-px flex flex-wrap gap-1">
        {ACCOUNTING_TABS.map((tab) => {
          const href = `/w/${slug}/accounting/${tab.segment}`;
          const current = pathname === href;
          return (
            <li key={tab.segment}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
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
