import type { Action } from "@/server/auth/permissions";

export type NavItem = { label: string; href: (slug: string) => string; requires?: Action; exact?: boolean };
export type NavSection = { label?: string; items: NavItem[] };

// Only sections that exist are listed; later features add theirs here.
export const NAV_SECTIONS: NavSection[] = [
  {
    items: [
      { label: "Overview", href: (slug) => `/w/${slug}`, exact: true },
      { label: "Orders", href: (slug) => `/w/${slug}/orders`, requires: "data.read" },
      { label: "Products", href: (slug) => `/w/${slug}/products`, requires: "data.read" },
      { label: "Customers", href: (slug) => `/w/${slug}/customers`, requires: "data.read" },
      { label: "Inventory", href: (slug) => `/w/${slug}/inventory`, requires: "data.read" },
      { label: "Fulfilment", href: (slug) => `/w/${slug}/fulfilment`, requires: "data.read" },
      { label: "Returns", href: (slug) => `/w/${slug}/returns`, requires: "data.read" },
      { label: "Receiving", href: (slug) => `/w/${slug}/receiving`, requires: "data.read" },
      { label: "Payouts", href: (slug) => `/w/${slug}/payouts`, requires: "data.read" },
      { label: "Reconciliation", href: (slug) => `/w/${slug}/reconciliation`, requires: "data.read" },
      { label: "Accounting", href: (slug) => `/w/${slug}/accounting`, requires: "data.read" },
      { label: "Connections", href: (slug) => `/w/${slug}/connections`, requires: "connections.read" },
      { label: "Jobs", href: (slug) => `/w/${slug}/jobs`, requires: "jobs.read" },
    ],
  },
  {
    label: "Settings",
    items: [
      { label: "General", href: (slug) => `/w/${slug}/settings/general` },
      { label: "Members", href: (slug) => `/w/${slug}/settings/members`, requires: "members.read" },
      { label: "Invitations", href: (slug) => `/w/${slug}/settings/invitations`, requires: "invitations.read" },
      { label: "Audit log", href: (slug) => `/w/${slug}/settings/audit`, requires: "audit.read" },
      { label: "Data retention", href: (slug) => `/w/${slug}/settings/retention`, requires: "settings.retention" },
      { label: "Payout reconciliation", href: (slug) => `/w/${slug}/settings/payouts`, requires: "connections.manage" },
      { label: "Analytics reconciliation", href: (slug) => `/w/${slug}/settings/reconciliation`, requires: "connections.manage" },
      { label: "Exports", href: (slug) => `/w/${slug}/settings/exports` },
    ],
  },
];

/** The sections and items the member's permissions allow; empty sections are dropped. */
export function visibleNavSections(permissions: Record<Action, boolean>): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => !item.requires || permissions[item.requires]),
  })).filter((section) => section.items.length > 0);
}
