import type { WorkspaceDb } from "@/server/db";
import { likeLiteral } from "@/server/services/orders/like";

type ContactRef = { connectionId: string; contactExternalId: string | null };

const keyOf = (connectionId: string, externalId: string) => `${connectionId}\u0000${externalId}`;

// Invoices and bills name their contact by (connectionId, contactExternalId), not by a foreign key
// (a document may be synced before its contact). One query for a whole page.
export async function contactNamesOf(wdb: WorkspaceDb, rows: readonly ContactRef[]): Promise<(row: ContactRef) => string | null> {
  const wanted = rows.flatMap((row) => (row.contactExternalId ? [{ connectionId: row.connectionId, externalId: row.contactExternalId }] : []));
  const contacts = wanted.length ? await wdb.accountingContact.findMany({ where: { OR: wanted }, select: { connectionId: true, externalId: true, displayName: true } }) : [];
  const byKey = new Map(contacts.map((contact) => [keyOf(contact.connectionId, contact.externalId), contact.displayName]));
  return (row) => (row.contactExternalId ? (byKey.get(keyOf(row.connectionId, row.contactExternalId)) ?? null) : null);
}

// The documents of the contacts whose name starts with `term` (lower-cased): a filter for
// invoices and bills. The contacts' name index answers the first query.
export async function documentsOfContactsNamed(wdb: WorkspaceDb, term: string): Promise<{ connectionId: string; contactExternalId: string }[]> {
  const contacts = await wdb.accountingContact.findMany({ where: { displayNameLower: { startsWith: likeLiteral(term) } }, select: { connectionId: true, externalId: true } });
  return contacts.map((contact) => ({ connectionId: contact.connectionId, contactExternalId: contact.externalId }));
}
