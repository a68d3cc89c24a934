import type { WorkspaceDb } from "@/server/db";
import type { Role } from "@/server/generated/prisma/enums";
import { afterCursor, decodeCursor, toPage } from "@/server/services/pagination";
import type { FindMembersInput } from "./schema";

export type MemberItem = {
  membershipId: string;
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: Date;
};

// Oldest member first, keyset-paginated on (createdAt asc, id asc). With every page, how many owners
// the workspace has: the UI offers no change the last-owner rule would refuse, whichever page the
// owners are on.
export async function findMembers(wdb: WorkspaceDb, input: FindMembersInput) {
  const [rows, ownerCount] = await Promise.all([
    wdb.membership.findMany({
      where: input.cursor ? afterCursor(decodeCursor(input.cursor), "asc") : {},
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: input.limit + 1,
      include: { user: { select: { name: true, email: true } } },
    }),
    wdb.membership.count({ where: { role: "OWNER" } }),
  ]);
  const page = toPage(rows, input.limit, (row): MemberItem => ({
    membershipId: row.id,
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    role: row.role,
    joinedAt: row.createdAt,
  }));
  return { ...page, ownerCount };
}
