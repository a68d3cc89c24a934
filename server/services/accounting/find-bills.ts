import type { WorkspaceDb } from "@/server/db";
import { amountOf } from "@/server/services/orders/money";
import { keysetOn } from "@/server/services/pagination";
import { calendarDay } from "./calendar-day";
import { contactNamesOf } from "./contacts-of";
import { documentSearchWhere } from "./document-search";
import { hasAccountingConnection } from "./has-accounting-connection";
import type { FindBillsInput } from "./schema";

export type BillListItem = {
  id: string;
  reference: string | null;
  contactName: string | null;
  status: string;
  /** Calendar days, "YYYY-MM-DD". */
  datedOn: string;
  dueOn: string | null;
  paidOn: string | null;
  currency: string;
  /** Negative for a bill refund. */
  totalValue: string;
  salesTaxValue: string | null;
  connection: { id: string; displayName: string };
};

const byDatedOn = keysetOn("datedOn");

// One page of the workspace's bills, newest first: keyset on (datedOn desc, id desc), which the
// Bill index covers.
export async function findBills(wdb: WorkspaceDb, input: FindBillsInput) {
  const rows = await wdb.bill.findMany({
    where: { AND: [await documentSearchWhere(wdb, input.search), input.cursor ? byDatedOn.after(input.cursor, "desc") : {}] },
    orderBy: byDatedOn.orderBy("desc"),
    take: input.limit + 1,
    include: { connection: { select: { id: true, displayName: true } } },
  });
  const contactOf = await contactNamesOf(wdb, rows.slice(0, input.limit));
  const page = byDatedOn.toPage(rows, input.limit, (row): BillListItem => ({
    id: row.id,
    reference: row.reference,
    contactName: contactOf(row),
    status: row.status,
    datedOn: calendarDay(row.datedOn),
    dueOn: calendarDay(row.dueOn),
    paidOn: calendarDay(row.paidOn),
    currency: row.currency,
    totalValue: amountOf(row.totalValue),
    salesTaxValue: amountOf(row.salesTaxValue),
    connection: row.connection,
  }));
  return { ...page, hasAccountingConnection: await hasAccountingConnection(wdb, rows.length > 0) };
}
