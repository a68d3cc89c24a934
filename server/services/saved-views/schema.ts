import { z } from "zod";
import { recordId } from "@/server/services/orders/schema";

// The lists a view can be saved on, as SavedView.list names them.
export const SAVED_VIEW_LISTS = ["orders", "products", "customers", "job-runs", "audit-log", "inventory", "inventory-sku"] as const;
export type SavedViewList = (typeof SAVED_VIEW_LISTS)[number];

const name = z.string().trim().min(1, "Give the view a name.").max(60, "Name the view in at most 60 characters.");
// The list's URL query without its page position (components/ui/list-url-state.ts viewQuery): its
// filters and sort, read back by the list itself, which reports values it cannot use.
const query = z
  .string()
  .max(1000, "The view's filters are too long to save.")
  .refine((value) => !/(^|&)(page|after|before)=/.test(value), "A view keeps filters and sort, not a page.");

export const listSavedViewsInput = z.object({ list: z.enum(SAVED_VIEW_LISTS) });
export type ListSavedViewsInput = z.infer<typeof listSavedViewsInput>;

export const createSavedViewInput = z.object({ list: z.enum(SAVED_VIEW_LISTS), name, query });
export type CreateSavedViewInput = z.infer<typeof createSavedViewInput>;

export const renameSavedViewInput = z.object({ savedViewId: recordId, name });
export type RenameSavedViewInput = z.infer<typeof renameSavedViewInput>;

export const savedViewIdInput = z.object({ savedViewId: recordId });
export type SavedViewIdInput = z.infer<typeof savedViewIdInput>;
