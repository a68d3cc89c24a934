import { z } from "zod";
import { searchText } from "@/server/services/orders/schema";

/** How many records of each kind one palette search returns. */
export const SEARCH_GROUP_LIMIT = 5;

export const searchWorkspaceInput = z.object({
  query: searchText.min(1, "Type something to search for."),
});
export type SearchWorkspaceInput = z.infer<typeof searchWorkspaceInput>;
