import type { Role } from "@/server/generated/prisma/enums";
import { Badge, type BadgeVariant } from "@/components/ui/badge";

const LABEL: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", VIEWER: "Viewer" };
const VARIANT: Record<Role, BadgeVariant> = { OWNER: "primary", ADMIN: "primary", MEMBER: "neutral", VIEWER: "outline" };

export const ROLE_OPTIONS: { value: Role; label: string }[] = (["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const).map(
  (value) => ({ value, label: LABEL[value] }),
);

export function roleLabel(role: Role): string {
  return LABEL[role];
}

export function RoleBadge({ role }: { role: Role }) {
  return <Badge variant={VARIANT[role]}>{LABEL[role]}</Badge>;
}
