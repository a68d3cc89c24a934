import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listOutbox } from "@/server/email";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.trim() || undefined;
}

function outboxHref(params: { to?: string; id?: string }): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const qs = query.toString();
  return qs ? `/dev/outbox?${qs}` : "/dev/outbox";
}

// Development's mailbox: every email the app "sent" without RESEND_API_KEY, links and preview
// included (with a key set, rows list what Resend delivered, without bodies). Rows and links
// carry stable data-testids.
export default async function DevOutboxPage({ searchParams }: { searchParams: SearchParams }) {
  if (env.NODE_ENV === "production") notFound();

  const params = await searchParams;
  const to = first(params.to);
  const selectedId = first(params.id);
  const emails = await listOutbox({ to, limit: 50 });
  const selected = emails.find((email) => email.id === selectedId);

  return (
    <main className="mx-auto grid max-w-5xl gap-6 px-4 py-8">
      <header className="grid gap-1">
        <h1 className="text-xl font-semibold">Dev outbox</h1>
        <p className="text-sm text-muted-foreground">
          The latest 50 emails written to EmailOutbox. Not served in production.
        </p>
      </header>

      <form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label className="grid gap-1 text-sm font-medium" htmlFor="outbox-to">
          Recipient
          <input
            id="outbox-to"
            name="to"
            type="email"
            defaultValue={to}
            placeholder="name@example.com"
            className="h-9 w-72 rounded-md border border-input bg-surface px-3 text-sm"
          />
        </label>
        <button type="submit" className="h-9 rounded-md border border-input px-4 text-sm font-medium hover:bg-muted">
          Filter
        </button>
        {to && (
          <Link href="/dev/outbox" className="h-9 content-center px-2 text-sm underline underline-offset-4">
            Clear
          </Link>
        )}
      </form>

      {selected && (
        <section className="grid gap-2" aria-labelledby="outbox-preview-title">
          <h2 id="outbox-preview-title" className="text-base font-semibold">
            {selected.subject}
          </h2>
          {selected.html === null ? (
            <p data-testid="outbox-no-body" className="text-sm text-muted-foreground">
              Content not kept: the outbox stores an email&apos;s content only when it is the mailbox (no RESEND_API_KEY).
            </p>
          ) : (
            // An empty sandbox: the email's HTML renders without scripts, forms or same-origin access.
            <iframe
              data-testid="outbox-preview"
              title={`Email: ${selected.subject}`}
              srcDoc={selected.html}
              sandbox=""
              className="h-[600px] w-full rounded-lg border bg-white"
            />
          )}
        </section>
      )}

      {emails.length === 0 ? (
        <p data-testid="outbox-empty" className="rounded-lg border border-dashed px-4 py-10 text-center text-sm text-muted-foreground">
          {to ? `No emails to ${to} yet.` : "No emails yet."}
        </p>
      ) : (
        <ul className="grid gap-3" data-testid="outbox-list">
          {emails.map((email) => (
            <li
              key={email.id}
              data-testid="outbox-email"
              data-email-id={email.id}
              data-to={email.to}
              data-template={email.template}
              className="grid gap-2 rounded-lg border bg-surface px-4 py-3 text-sm"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p data-testid="outbox-subject" className="font-medium">
                  {email.subject}
                </p>
                <time dateTime={email.createdAt.toISOString()} className="text-xs text-muted-foreground">
                  {email.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </div>
              <p className="text-muted-foreground">
                To <span data-testid="outbox-to">{email.to}</span> · {email.template} · {email.status}
                {email.error && <span className="text-destructive"> · {email.error}</span>}
              </p>
              {email.links.length > 0 && (
                <ul className="grid gap-1">
                  {email.links.map((link) => (
                    <li key={link} className="truncate">
                      <a data-testid="outbox-link" href={link} className="font-mono text-xs text-primary underline underline-offset-2">
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <Link href={outboxHref({ to, id: email.id })} className="text-xs underline underline-offset-4">
                View email
              </Link>
            </li>
          ))}
        </ul>
      )}

    </main>
  );
}
