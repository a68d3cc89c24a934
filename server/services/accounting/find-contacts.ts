import type { WorkspaceDb } from "@/server/db";
import { likeLiteral } from "@/server/services/orders/like";
import { keysetOn } from "@/server/services/pagination";
import { hasAccountingConnection } from "./has-accounting-connection";
import type { FindContactsInput } from "./schema";

export type ContactListItem = {
  id: string;
  /** The organisation's name, else the person's. */
  name: string;
  /** The person at an organisation, when both are given. */
  person: string | null;
  email: string | null;
  status: string | null;
  town: string | null;
  country: string | null;
  connection: { id: string; displayName: string };
};

const byName = keysetOn("displayNameLower", "text");

// What a search matches on a contact: the start of its name or of its email, case-insensitively.
function searchWhere(search: string | undefined) {
  const term = search?.trim().toLowerCase();
  if (!term) return {};
  const literal = likeLiteral(term);
  return { OR: [{ displayNameLower: { startsWith: literal } }, { emailLower: { startsWith: literal } }] };
}

// One page of the workspace's contacts, A to Z: keyset on (displayNameLower, id), which the
// AccountingContact name index covers.
export async function findContacts(wdb: WorkspaceDb, input: FindContactsInput) {
  const rows = await wdb.accountingContact.findMany({
    where: { AND: [searchWhere(input.search), input.cursor ? byName.after(input.cursor, "asc") : {}] },
    orderBy: byName.orderBy("asc"),
    take: input.limit + 1,
    include: { connection: { select: { id: true, displayName: true } } },
  });
  const page = byName.toPage(rows, input.limit, (row): ContactListItem => {
    const person = [row.firstName, row.lastName].filter(Boolean).join(" ");
    return {
      id: row.id,
      name: row.displayName,
      person: row.organisationName && person ? person : null,
      email: row.email,
      status: row.status,
      town: row.town,
      country: row.country,
      connection: row.connection,
    };
  });
  return { ...page, hasAccountingConnection: await hasAccountingConnection(wdb, rows.length > 0) };
}
