import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { describeConnectFailure } from "@/server/services/connections/connect-failures";

export const metadata: Metadata = { title: "Connection failed" };

const first = (value: string | string[] | undefined) => (typeof value === "string" ? value : null);

// Every failed connect step lands here with the provider and a reason code; nothing was stored.
export default async function ConnectErrorPage({ searchParams }: { searchParams: Promise<{ provider?: string | string[]; reason?: string | string[] }> }) {
  const query = await searchParams;
  const { providerName, reason, message } = describeConnectFailure(first(query.provider), first(query.reason));
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center" data-testid="connect-error">
      <p className="text-sm font-medium text-muted-foreground">{providerName ? `${providerName} · ${reason}` : reason}</p>
      <h1 className="text-2xl font-semibold">The account was not connected</h1>
      <p className="max-w-md text-sm text-muted-foreground" data-testid="connect-error-message">
        {message}
      </p>
      <p className="max-w-md text-sm text-muted-foreground">Nothing was saved. Your workspaces and data are unchanged.</p>
      <Link href="/" className={buttonVariants({ variant: "outline", className: "mt-2" })}>
        Back to Meridian
      </Link>
    </main>
  );
}
