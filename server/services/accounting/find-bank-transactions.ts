import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "@/server/services/orders/like";
import { amountOf } from "@/server/services/orders/money";
import { keysetOn } from "@/server/services/pagination";
import { calendarDay } from "./calendar-day";
import { hasAccountingConnection } from "./has-accounting-connection";
import type { ExplanationFilter, FindBankTransactionsInput } from "./schema";

export type Explained = "explained" | "partly" | "unexplained";

export type BankTransactionListItem = {
  id: string;
  /** Calendar day, "YYYY-MM-DD". */
  datedOn: string;
  description: string | null;
  bankAccount: { id: string; name: string } | null;
  /** Money in positive, money out negative, in the bank account's currency. */
  amount: string;
  unexplainedAmount: string;
  currency: string | null;
  explained: Explained;
};

const byDatedOn = keysetOn("datedOn");

const EXPLAINED_WHERE: Record<ExplanationFilter, Prisma.BankTransactionWhereInput> = {
  explained: { unexplainedAmount: 0 },
  unexplained: { unexplainedAmount: { not: 0 } },
};

function explainedOf(row: { amount: Prisma.Decimal; unexplainedAmount: Prisma.Decimal }): Explained {
  if (row.unexplainedAmount.isZero()) return "explained";
  return row.unexplainedAmount.equals(row.amount) ? "unexplained" : "partly";
}

// A bank account of this workspace, by Meridian's id: another workspace's is answered like one
// that does not exist rather than with an empty page that would hide the mistake.
async function accountWhere(wdb: WorkspaceDb, bankAccountId: string | undefined): Promise<Prisma.BankTransactionWhereInput> {
  if (!bankAccountId) return {};
  const account = await wdb.bankAccount.findUnique({ where: { id: bankAccountId }, select: { connectionId: true, externalId: true } });
  if (!account) throw new AppError("NOT_FOUND", "Bank account not found.");
  return { connectionId: account.connectionId, bankAccountExternalId: account.externalId };
}

// Bank descriptions are free text ("CARD PAYMENTS GB 1234 PAYOUT"), so a search matches anywhere in them.
function searchWhere(search: string | undefined): Prisma.BankTransactionWhereInput {
  const term = search?.trim().toLowerCase();
  return term ? { descriptionLower: { contains: likeLiteral(term) } } : {};
}

// One page of the workspace's bank transactions, newest first: keyset on (datedOn desc, id desc).
export async function findBankTransactions(wdb: WorkspaceDb, input: FindBankTransactionsInput) {
  const where = [await accountWhere(wdb, input.bankAccountId), input.explained ? EXPLAINED_WHERE[input.explained] : {}, searchWhere(input.search)];
  const rows = await wdb.bankTransaction.findMany({
    where: { AND: [...where, input.cursor ? byDatedOn.after(input.cursor, "desc") : {}] },
    orderBy: byDatedOn.orderBy("desc"),
    take: input.limit + 1,
  });
  const accountOf = await bankAccountsOf(wdb, rows.slice(0, input.limit));
  const page = byDatedOn.toPage(rows, input.limit, (row): BankTransactionListItem => {
    const account = accountOf(row);
    return {
      id: row.id,
      datedOn: calendarDay(row.datedOn),
      description: row.description,
      bankAccount: account && { id: account.id, name: account.name },
      amount: amountOf(row.amount),
      unexplainedAmount: amountOf(row.unexplainedAmount),
      currency: account?.currency ?? null,
      explained: explainedOf(row),
    };
  });
  return { ...page, hasAccountingConnection: await hasAccountingConnection(wdb, rows.length > 0) };
}

type AccountRef = { connectionId: string; bankAccountExternalId: string };
const keyOf = (connectionId: string, externalId: string) => `${connectionId}\u0000${externalId}`;

async function bankAccountsOf(wdb: WorkspaceDb, rows: readonly AccountRef[]) {
  const wanted = rows.map((row) => ({ connectionId: row.connectionId, externalId: row.bankAccountExternalId }));
  const accounts = wanted.length ? await wdb.bankAccount.findMany({ where: { OR: wanted }, select: { id: true, connectionId: true, externalId: true, name: true, currency: true } }) : [];
  const byKey = new Map(accounts.map((account) => [keyOf(account.connectionId, account.externalId), account]));
  return (row: AccountRef) => byKey.get(keyOf(row.connectionId, row.bankAccountExternalId)) ?? null;
}
