import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { getMe } from "@/server/services/users/get-me";
import { updateMeInput, updateNotificationsInput } from "@/server/services/users/schema";
import { updateMe } from "@/server/services/users/update-me";
import { updateNotifications } from "@/server/services/users/update-notifications";

export const meRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getMe(ctx.user.id)),
  update: protectedProcedure.input(updateMeInput).mutation(({ ctx, input }) => updateMe(ctx.user.id, input)),
  updateNotifications: protectedProcedure
    .input(updateNotificationsInput)
    .mutation(({ ctx, input }) => updateNotifications(ctx.user.id, input)),
});
