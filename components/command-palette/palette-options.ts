import type { inferRouterOutputs } from "@trpc/server";
import { visibleNavSections } from "@/components/shell/nav-items";
import type { AppRouter } from "@/server/api/root";
import type { Action } from "@/server/auth/permissions";

type WorkspaceSearchResult = inferRouterOutputs<AppRouter>["search"]["palette"];

export type PaletteOption = { id: string; label: string; detail?: string; href: string };
export type PaletteGroup = { label: string; options: PaletteOption[] };

/** Every page the member may open (the sidebar's, settings included), narrowed to those whose name holds every typed word. */
export function pageGroups(slug: string, permissions: Record<Action, boolean>, query: string): PaletteGroup[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return visibleNavSections(permissions)
    .map((section) => {
      const group = section.label ?? "Pages";
      const options = section.items
        .filter((item) => words.every((word) => `${group} ${item.label}`.toLowerCase().includes(word)))
        .map((item) => ({ id: `page:${item.href(slug)}`, label: item.label, detail: section.label, href: item.href(slug) }));
      return { label: group, options };
    })
    .filter((group) => group.options.length > 0);
}

/** The server's matches as groups of options, in the order they are listed: orders, customers, products, connections. */
export function recordGroups(slug: string, result: WorkspaceSearchResult | undefined): PaletteGroup[] {
  if (!result) return [];
  const groups: PaletteGroup[] = [
    {
      label: "Orders",
      options: result.orders.map((order) => ({ id: `order:${order.id}`, label: `Order ${order.name}`, detail: order.customerName ?? undefined, href: `/w/${slug}/orders/${order.id}` })),
    },
    {
      label: "Customers",
      options: result.customers.map((customer) => ({
        id: `customer:${customer.id}`,
        label: customer.name ?? customer.email ?? "Customer",
        detail: customer.name ? (customer.email ?? undefined) : undefined,
        href: `/w/${slug}/customers/${customer.id}`,
      })),
    },
    {
      label: "Products",
      options: result.products.map((product) => ({ id: `product:${product.id}`, label: product.title, detail: product.sku ?? undefined, href: `/w/${slug}/products/${product.id}` })),
    },
    {
      label: "Connections",
      options: result.connections.map((connection) => ({
        id: `connection:${connection.id}`,
        label: connection.displayName,
        detail: connection.providerName,
        href: `/w/${slug}/connections#connection-${connection.id}`,
      })),
    },
  ];
  return groups.filter((group) => group.options.length > 0);
}
