import { describe, expect, it } from "vitest";
import { ACTIONS, can } from "@/server/auth/permissions";
import type { Role } from "@/server/generated/prisma/enums";
import { pageGroups, recordGroups } from "./palette-options";

const permissionsOf = (role: Role) => Object.fromEntries(ACTIONS.map((action) => [action, can(role, action)])) as Parameters<typeof pageGroups>[1];

describe("palette options", () => {
  it("offers only the pages the role may open, matching every typed word against the page and its section", () => {
    const labels = (role: Role, query: string) => pageGroups("acme", permissionsOf(role), query).flatMap((g) => g.options.map((o) => o.label));
    expect(labels("OWNER", "audit")).toEqual(["Audit log"]);
    expect(labels("VIEWER", "audit")).toEqual([]);
    expect(labels("VIEWER", "settings mem")).toEqual(["Members"]);
    expect(pageGroups("acme", permissionsOf("VIEWER"), "orders")).toEqual([{ label: "Pages", options: [{ id: "page:/w/acme/orders", label: "Orders", detail: undefined, href: "/w/acme/orders" }] }]);
  });

  it("links each record to its page and leaves out empty groups", () => {
    const groups = recordGroups("acme", {
      orders: [{ id: "o1", name: "#1001", processedAt: new Date(), customerName: "Ada Lovelace" }],
      customers: [{ id: "c1", name: null, email: "ada@engine.test" }],
      products: [
        { id: "p1", title: "Analytical Engine", sku: "AE-1" },
        { id: "p2", title: "Ada's Notes", sku: null },
      ],
      connections: [],
    });
    expect(groups).toEqual([
      { label: "Orders", options: [{ id: "order:o1", label: "Order #1001", detail: "Ada Lovelace", href: "/w/acme/orders/o1" }] },
      { label: "Customers", options: [{ id: "customer:c1", label: "ada@engine.test", detail: undefined, href: "/w/acme/customers/c1" }] },
      {
        label: "Products",
        options: [
          { id: "product:p1", label: "Analytical Engine", detail: "AE-1", href: "/w/acme/products/p1" },
          { id: "product:p2", label: "Ada's Notes", detail: undefined, href: "/w/acme/products/p2" },
        ],
      },
    ]);
  });
});
