// The FreeAgent sync against the sandbox FreeAgent in tests: a connection holding tokens the
// sandbox issued for one of its users, the connector's sync drawing from the real request
// allowance (PostgreSQL, server/services/connections/request-windows.ts) under a key of its
// connection's, and the database read
// back as the sandbox's snapshot projects what its API serves (counts and checksums per resource,
// money as exact decimal strings).
import type { FreeAgentSandbox, SnapshotProjection } from "@/dev/sandbox/freeagent";
import type { Snapshot } from "@/dev/sandbox/_kit/snapshot";
import { SnapshotBuilder } from "@/dev/sandbox/_kit/snapshot";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { RequestAllowance, RequestWindowLimit } from "@/server/connectors/_core/request-allowance";
import type { ConnectorSync } from "@/server/connectors/_core/sync";
import { createFreeAgentSync, type FreeAgentSyncOptions } from "@/server/connectors/freeagent";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { sealOAuthCredentials } from "@/server/services/connections/credentials";
import { requestWindows } from "@/server/services/connections/request-windows";
import { syncToEnd, type SyncToEndOptions } from "./sync-to-end";

/** A FREEAGENT connection (of a new workspace unless one is named), holding tokens the sandbox issued for `userId` (default its admin). */
export async function freeagentConnection(sandbox: FreeAgentSandbox, userId?: number, workspace?: { id: string }) {
  workspace ??= (await buildWorkspaceWithOwner()).workspace;
  const issued = sandbox.issueToken({ userId }) as { access_token: string; refresh_token: string; expires_in: number };
  const userUrl = `${sandbox.base}/users/${userId ?? 1}`;
  return buildConnection(workspace.id, {
    provider: "FREEAGENT",
    externalAccountId: `demo-brand-${workspace.id}`,
    displayName: "FreeAgent · Demo Brand Ltd",
    authMethod: "OAUTH",
    settings: { userUrl },
    encryptedCredentials: sealOAuthCredentials({
      accessToken: issued.access_token,
      accessTokenExpiresAt: new Date(Date.now() + issued.expires_in * 1000).toISOString(),
      refreshToken: issued.refresh_token,
      refreshTokenExpiresAt: null,
      scopes: [],
    }),
  });
}

/**
 * The request allowance in PostgreSQL, its counts kept apart per connection: the sandbox's
 * windows count on its manual clock, which each test moves on, while the allowance's count on the
 * database's, so connections of different tests must not share one.
 */
export function allowanceOf(connectionId: string): RequestAllowance {
  const own = (key: string) => `${connectionId}:${key}`;
  return {
    take: (key, windows) => requestWindows.take(own(key), windows),
    exhaust: (key, window) => requestWindows.exhaust(own(key), window),
    usage: (key, windows) => requestWindows.usage(own(key), windows),
  };
}

/**
 * The sync, its context's allowance kept apart per connection (allowanceOf); `windows` compresses
 * FreeAgent's (a window a 429 fills is waited out in seconds).
 */
export function freeagentSync(options: FreeAgentSyncOptions = {}, windows?: readonly RequestWindowLimit[]): ConnectorSync {
  const sync = createFreeAgentSync(options);
  // The engine's context is untyped by provider; the registry's FreeAgent connection gets FreeAgent's config.
  const withAllowance = (ctx: { connectionId: string; config: unknown }) =>
    ({ ...ctx, allowance: allowanceOf(ctx.connectionId), ...(windows ? { config: { ...(ctx.config as object), windows } } : {}) }) as never;
  return {
    ...sync,
    read: (ctx, stream, from) => sync.read(withAllowance(ctx), stream, from),
    grantedScopes: (ctx) => sync.grantedScopes!(withAllowance(ctx)),
  } as ConnectorSync;
}

/** Every stream of the FreeAgent sync through the engine's batches. */
export function syncFreeAgent(connectionId: string, sync: ConnectorSync, options: SyncToEndOptions = {}) {
  return syncToEnd(
    connectionId,
    { FREEAGENT: { sync } },
    sync.streams.map((s) => s.name),
    options,
  );
}

const decimal = (value: string | Prisma.Decimal | null) => (value === null ? null : new Prisma.Decimal(value).toString());
const day = (value: string | Date) => (typeof value === "string" ? value : value.toISOString().slice(0, 10));
/** URLs in id order: equal-length numeric tails sort as numbers. */
const byUrl = (a: { externalId: string }, b: { externalId: string }) => a.externalId.length - b.externalId.length || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0);

type Item = { price: string; quantity: string; category?: string | null; categoryExternalId?: string | null };
const items = (list: readonly Item[]) => list.map((i) => ({ price: decimal(i.price), quantity: decimal(i.quantity), category: i.category ?? i.categoryExternalId ?? null }));

/** What the database holds of each resource, as the sandbox's views project to it. */
export const PROJECTION = {
  company: (c: { url: string; name: string; currency: string; type: string }) => ({ externalId: c.url, name: c.name, currency: c.currency, type: c.type }),
  users: (u: { url: string; email: string; permission_level: number }) => ({ externalId: u.url, email: u.email, level: u.permission_level }),
  contacts: (c: { url: string; organisation_name?: string; email: string; town: string }) => ({ externalId: c.url, organisation: c.organisation_name ?? null, email: c.email, town: c.town }),
  categories: (c: { url: string; nominal_code: string; description: string }) => ({ externalId: c.url, code: c.nominal_code, description: c.description }),
  bank_accounts: (a: { url: string; name: string; current_balance: string; opening_balance: string }) => ({ externalId: a.url, name: a.name, current: decimal(a.current_balance), opening: decimal(a.opening_balance) }),
  bank_transactions: (t: { url: string; amount: string; unexplained_amount: string; dated_on: string; updated_at: string }) => ({
    externalId: t.url,
    amount: decimal(t.amount),
    unexplained: decimal(t.unexplained_amount),
    datedOn: t.dated_on,
    updatedAt: new Date(t.updated_at).toISOString(),
  }),
  bank_transaction_explanations: (e: { url: string; bank_transaction: string; gross_value: string; category: string }) => ({ externalId: e.url, transaction: e.bank_transaction, gross: decimal(e.gross_value), category: e.category }),
  invoices: (i: { url: string; status: string; total_value: string; paid_value: string; invoice_items: Item[] }) => ({ externalId: i.url, status: i.status, total: decimal(i.total_value), paid: decimal(i.paid_value), items: items(i.invoice_items) }),
  bills: (b: { url: string; status: string; total_value: string; bill_items: Item[] }) => ({ externalId: b.url, status: b.status, total: decimal(b.total_value), items: items(b.bill_items) }),
  accounting_transactions: (t: { url: string; dated_on: string; debit_value: string; nominal_code: string }) => ({ externalId: t.url, datedOn: t.dated_on, debit: decimal(t.debit_value), code: t.nominal_code }),
} satisfies SnapshotProjection;

/** The sandbox's snapshot, projected. */
export const sandboxSnapshot = (sandbox: FreeAgentSandbox): Snapshot => sandbox.snapshot(PROJECTION);

/** The same from the database rows of a connection (explanations marked deleted are not the sandbox's). */
export async function storedSnapshot(connectionId: string): Promise<Snapshot> {
  const where = { connectionId };
  const builder = new SnapshotBuilder();
  const add = <T extends { externalId: string }>(resource: string, rows: T[], project: (row: T) => unknown) => {
    for (const row of rows.sort(byUrl)) builder.add(resource, project(row));
  };
  add("company", await db.accountingCompany.findMany({ where }), (c) => ({ externalId: c.externalId, name: c.name, currency: c.currency, type: c.companyType }));
  add("users", await db.accountingUser.findMany({ where }), (u) => ({ externalId: u.externalId, email: u.email, level: u.permissionLevel }));
  add("contacts", await db.accountingContact.findMany({ where }), (c) => ({ externalId: c.externalId, organisation: c.organisationName, email: c.email, town: c.town }));
  add("categories", await db.accountingCategory.findMany({ where }), (c) => ({ externalId: c.externalId, code: c.nominalCode, description: c.description }));
  add("bank_accounts", await db.bankAccount.findMany({ where }), (a) => ({ externalId: a.externalId, name: a.name, current: decimal(a.currentBalance), opening: decimal(a.openingBalance) }));
  add("bank_transactions", await db.bankTransaction.findMany({ where }), (t) => ({
    externalId: t.externalId,
    amount: decimal(t.amount),
    unexplained: decimal(t.unexplainedAmount),
    datedOn: day(t.datedOn),
    updatedAt: t.sourceUpdatedAt.toISOString(),
  }));
  add("bank_transaction_explanations", await db.bankTransactionExplanation.findMany({ where: { ...where, deletedAt: null } }), (e) => ({
    externalId: e.externalId,
    transaction: e.bankTransactionExternalId,
    gross: decimal(e.grossValue),
    category: e.categoryExternalId,
  }));
  add("invoices", await db.invoice.findMany({ where }), (i) => ({ externalId: i.externalId, status: i.status, total: decimal(i.totalValue), paid: decimal(i.paidValue), items: items(i.items as Item[]) }));
  add("bills", await db.bill.findMany({ where }), (b) => ({ externalId: b.externalId, status: b.status, total: decimal(b.totalValue), items: items(b.items as Item[]) }));
  add("accounting_transactions", await db.ledgerTransaction.findMany({ where }), (t) => ({ externalId: t.externalId, datedOn: day(t.datedOn), debit: decimal(t.debitValue), code: t.nominalCode }));
  return builder.result();
}
