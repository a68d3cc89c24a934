import { createHash, randomBytes } from "node:crypto";
import { appUrl } from "@/server/env";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

// The token exists only in the emailed link; the database keeps its sha256, so a database leak
// does not hand out working invitations.
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function issueInvitationToken(now = new Date()): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) };
}

export function invitationAcceptUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}
