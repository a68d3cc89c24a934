import type { Db } from "@/server/db";
import { extractLinks } from "./links";

export type OutboxEmail = {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: "QUEUED" | "SENT" | "FAILED";
  error: string | null;
  createdAt: Date;
  /** Null when the mail went through a provider: only the dev outbox keeps bodies. */
  html: string | null;
  links: string[];
};

// Latest emails first, optionally for one recipient (addresses are stored lowercase by Auth.js;
// the filter is case-insensitive so a pasted address still matches).
export async function listOutboxEmails(db: Db, { to, limit = 50 }: { to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
  const rows = await db.emailOutbox.findMany({
    where: to ? { to: { equals: to.trim(), mode: "insensitive" } } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, to: true, subject: true, template: true, status: true, error: true, createdAt: true, html: true },
  });
  return rows.map((row) => ({ ...row, links: row.html === null ? [] : extractLinks(row.html) }));
}
