import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { installFailureMessage } from "@/server/services/shopify/install-errors";

export const metadata: Metadata = { title: "Shopify connection failed" };

// Every failed install step lands here with a reason code; nothing was stored.
export default async function ShopifyErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[] }> }) {
  const { reason: raw } = await searchParams;
  const { reason, message } = installFailureMessage(typeof raw === "string" ? raw : null);
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center" data-testid="shopify-install-error">
      <p className="text-sm font-medium text-muted-foreground">Shopify · {reason}</p>
      <h1 className="text-2xl font-semibold">The store was not connected</h1>
      <p className="max-w-md text-sm text-muted-foreground">{message}</p>
      <p className="max-w-md text-sm text-muted-foreground">Nothing was saved. Your workspaces and data are unchanged.</p>
      <Link href="/" className={buttonVariants({ variant: "outline", className: "mt-2" })}>
        Back to Meridian
      </Link>
    </main>
  );
}
