import { z } from "zod";
import { Role } from "@/server/generated/prisma/enums";
import { pageInput } from "@/server/services/pagination";

export const roleInput = z.enum(Role);

export const findMembersInput = z.object({ ...pageInput });
export type FindMembersInput = z.infer<typeof findMembersInput>;

export const updateMemberRoleInput = z.object({ membershipId: z.string().min(1).max(64), role: roleInput });
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleInput>;

export const removeMemberInput = z.object({ membershipId: z.string().min(1).max(64) });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;

export const transferOwnershipInput = z.object({ membershipId: z.string().min(1).max(64) });
export type TransferOwnershipInput = z.infer<typeof transferOwnershipInput>;
