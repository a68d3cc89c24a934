import { describe, expect, it } from "vitest";
import { ACTIONS, can } from "@/server/auth/permissions";
import type { Role } from "@/server/generated/prisma/enums";
import { visibleNavSections } from "./nav-items";

function labelsFor(role: Role): string[] {
  const permissions = Object.fromEntries(ACTIONS.map((action) => [action, can(role, action)])) as Parameters<
    typeof visibleNavSections
  >[0];
  return visibleNavSections(permissions).flatMap((section) => section.items.map((item) => item.label));
}

// The UI half of the role matrix: what each role finds in the sidebar.
describe("visibleNavSections", () => {
  it.each<[Role, string[]]>([
    ["OWNER", ["Overview", "Orders", "Products", "Customers", "Inventory", "Fulfilment", "Returns", "Receiving", "Payouts", "Reconciliation", "Accounting", "Connections", "Jobs", "General", "Members", "Invitations", "Audit log", "Data retention", "Payout reconciliation", "Analytics reconciliation", "Exports"]],
    ["ADMIN", ["Overview", "Orders", "Products", "Customers", "Inventory", "Fulfilment", "Returns", "Receiving", "Payouts", "Reconciliation", "Accounting", "Connections", "Jobs", "General", "Members", "Invitations", "Audit log", "Data retention", "Payout reconciliation", "Analytics reconciliation", "Exports"]],
    ["MEMBER", ["Overview", "Orders", "Products", "Customers", "Inventory", "Fulfilment", "Returns", "Receiving", "Payouts", "Reconciliation", "Accounting", "Connections", "Jobs", "General", "Members", "Exports"]],
    ["VIEWER", ["Overview", "Orders", "Products", "Customers", "Inventory", "Fulfilment", "Returns", "Receiving", "Payouts", "Reconciliation", "Accounting", "Connections", "Jobs", "General", "Members", "Exports"]],
  ])("%s sees %j", (role, expected) => {
    expect(labelsFor(role)).toEqual(expected);
  });
});
