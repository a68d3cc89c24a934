"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { visibleNavSections } from "./nav-items";

export function SidebarNav() {
  const { slug, permissions } = useWorkspace();
  const pathname = usePathname();

  return (
    <nav aria-label="Workspace" className="grid gap-5">
      {visibleNavSections(permissions).map((section, i) => (
          <div key={section.label ?? i} className="grid gap-0.5">
            {section.label && (
              <p className="px-2.5 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">{section.label}</p>
            )}
            {section.items.map((item) => {
              const href = item.href(slug);
              const active = item.exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
              return (
                <Link
                  key={href}
                  href={href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "rounded-md px-2.5 py-1.5 text-sm transition-colors",
                    "focus-visible:outline-2 focus-visible:outline-ring",
                    active ? "bg-accent font-medium text-accent-foreground" : "text-foreground/80 hover:bg-muted hover:text-foreground",
                  )}
                >
                  {item.label}
                </Link>
              );
            })}
          </div>
      ))}
    </nav>
  );
}
