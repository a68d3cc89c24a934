import type { Metadata } from "next";
import Link from "next/link";
import { ShopifyWorkspacePicker } from "@/components/shopify/shopify-workspace-picker";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/server/auth";
import { normalizeShopDomain } from "@/server/connectors/shopify/oauth";
import { listInstallableWorkspaces } from "@/server/services/shopify/begin-install";

export const metadata: Metadata = { title: "Connect your Shopify store" };

// Where an install started from Shopify lands (after sign-in): /api/shopify/install verified
// Shopify's signature and sends the store's domain here.
export default async function ShopifyInstallPage({ searchParams }: { searchParams: Promise<{ shop?: string | string[] }> }) {
  const { shop: rawShop } = await searchParams;
  const shop = normalizeShopDomain(typeof rawShop === "string" ? rawShop : null);
  const user = await requireUser(`/shopify/install?${new URLSearchParams(shop ? { shop } : {})}`);
  const { workspaces, connectedElsewhere } = shop ? await listInstallableWorkspaces(user.id, shop) : { workspaces: [], connectedElsewhere: false };

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 p-6">
      <p className="text-sm font-semibold tracking-wide text-primary">Meridian</p>
      <Card className="w-full max-w-md">
        {shop ? (
          <>
            <CardHeader>
              <CardTitle className="text-xl">Connect {shop}</CardTitle>
              <CardDescription>
                Choose the workspace this store&apos;s orders, products, customers and inventory sync into. Only
                workspaces where you are an owner or admin are listed.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {connectedElsewhere && (
                <Alert variant="warning" title="Already connected elsewhere" data-testid="shopify-connected-elsewhere">
                  This store is connected to a Meridian workspace you do not administer. Ask its owners to add you, or to
                  disconnect the store there first.
                </Alert>
              )}
              <ShopifyWorkspacePicker shop={shop} workspaces={workspaces} />
            </CardContent>
          </>
        ) : (
          <CardHeader>
            <CardTitle className="text-xl">No store to connect</CardTitle>
            <CardDescription>
              This page needs a store address. Open Meridian from your Shopify admin, or connect the store from a
              workspace&apos;s Connections page.
            </CardDescription>
            <Link href="/" className={buttonVariants({ variant: "outline", className: "mt-2 w-fit" })}>
              Go to Meridian
            </Link>
          </CardHeader>
        )}
      </Card>
      <p className="text-sm text-muted-foreground">Signed in as {user.email}</p>
    </main>
  );
}
