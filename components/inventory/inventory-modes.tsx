"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { readInventoryFilters } from "./inventory-filters";
import { InventoryView } from "./inventory-view";
import { SkuInventoryView } from "./sku-inventory-view";

const MODES = [
  { view: undefined, label: "By location", href: "" },
  { view: "sku", label: "By SKU", href: "?view=sku" },
] as const;

// The Inventory page's two views, each a link (so it is in the URL and keyboard reachable): stock
// at one location, or one row per SKU across the store and the 3PL.
export function InventoryModes() {
  const pathname = usePathname();
  const { filters, rejected } = readInventoryFilters(useSearchParams());

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Inventory views" className="flex gap-1 border-b border-border">
        {MODES.map((mode) => {
          const active = filters.view === mode.view;
          return (
            <Link
              key={mode.label}
              href={`${pathname}${mode.href}`}
              aria-current={active ? "page" : undefined}
              data-testid={`inventory-mode-${mode.view ?? "location"}`}
              className={cn(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ring",
                active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
              )}
            >
              {mode.label}
            </Link>
          );
        })}
      </nav>
      {filters.view === "sku" ? <SkuInventoryView filters={filters} rejected={rejected} /> : <InventoryView />}
    </div>
  );
}
