import type { WorkspaceDb } from "@/server/db";
import { amountOf } from "@/server/services/orders/money";
import { keysetOn } from "@/server/services/pagination";
import { calendarDay } from "./calendar-day";
import { contactNamesOf } from "./contacts-of";
import { documentSearchWhere } from "./document-search";
import { hasAccountingConnection } from "./has-accounting-connection";
import type { FindInvoicesInput } from "./schema";

export type InvoiceListItem = {
  id: string;
  reference: string;
  contactName: string | null;
  status: string;
  /** Calendar days, "YYYY-MM-DD". */
  datedOn: string;
  dueOn: string | null;
  currency: string;
  netValue: string;
  totalValue: string;
  /** What is still owed; null when the provider did not say. */
  dueValue: string | null;
  connection: { id: string; displayName: string };
};

const byDatedOn = keysetOn("datedOn");

// One page of the workspace's invoices, newest first: keyset on (datedOn desc, id desc), which
// the Invoice indexes cover with and without a status.
export async function findInvoices(wdb: WorkspaceDb, input: FindInvoicesInput) {
  const rows = await wdb.invoice.findMany({
    where: { AND: [input.status ? { status: input.status } : {}, await documentSearchWhere(wdb, input.search), input.cursor ? byDatedOn.after(input.cursor, "desc") : {}] },
    orderBy: byDatedOn.orderBy("desc"),
    take: input.limit + 1,
    include: { connection: { select: { id: true, displayName: true } } },
  });
  const contactOf = await contactNamesOf(wdb, rows.slice(0, input.limit));
  const page = byDatedOn.toPage(rows, input.limit, (row): InvoiceListItem => ({
    id: row.id,
    reference: row.reference,
    contactName: contactOf(row),
    status: row.status,
    datedOn: calendarDay(row.datedOn),
    dueOn: calendarDay(row.dueOn),
    currency: row.currency,
    netValue: amountOf(row.netValue),
    totalValue: amountOf(row.totalValue),
    dueValue: amountOf(row.dueValue),
    connection: row.connection,
  }));
  return { ...page, hasAccountingConnection: await hasAccountingConnection(wdb, rows.length > 0) };
}
