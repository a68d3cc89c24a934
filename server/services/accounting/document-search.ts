import type { WorkspaceDb } from "@/server/db";
import { likeLiteral } from "@/server/services/orders/like";
import { documentsOfContactsNamed } from "./contacts-of";

// What a search box query matches on an invoice or a bill: the start of its reference or of its
// contact's name, case-insensitively, "%" and "_" taken literally.
export async function documentSearchWhere(wdb: WorkspaceDb, search: string | undefined) {
  const term = search?.trim().toLowerCase();
  if (!term) return {};
  const ofContacts = await documentsOfContactsNamed(wdb, term);
  return { OR: [{ referenceLower: { startsWith: likeLiteral(term) } }, ...ofContacts] };
}
