import { db } from "@/server/db";
import { hashInvitationToken } from "./token";

// The one tenant lookup not made through a workspace handle: the token itself is the capability
// that names the workspace, and it is matched by its hash only.
export async function findInvitationByToken(token: string) {
  return db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { workspace: { select: { id: true, name: true, slug: true } } },
  });
}
