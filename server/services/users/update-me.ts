import { db } from "@/server/db";
import type { UpdateMeInput } from "./schema";

// Profile changes belong to no workspace, so they have no AuditLog row (AuditLog is per workspace).
export async function updateMe(userId: string, input: UpdateMeInput): Promise<{ id: string; name: string | null }> {
  return db.user.update({ where: { id: userId }, data: { name: input.name }, select: { id: true, name: true } });
}
