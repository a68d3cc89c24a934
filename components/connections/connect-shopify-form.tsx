"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { normalizeShopDomain } from "@/server/services/connections/schema";

// Starts Shopify's install flow: a plain GET form to /api/shopify/install, which redirects to the
// store's consent screen (another site, hence a real navigation) and comes back through the OAuth
// callback. The typed address is checked here first and sent in its normalized form.
export function ConnectShopifyForm() {
  const { slug } = useWorkspace();
  const [shop, setShop] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [leaving, setLeaving] = useState(false);

  const domain = normalizeShopDomain(shop);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!domain) {
      event.preventDefault();
      setError("Enter your store's myshopify.com address, e.g. acme.myshopify.com");
      return;
    }
    setError(undefined);
    setLeaving(true);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Connect a Shopify store</CardTitle>
        <CardDescription>
          You will approve Meridian&apos;s read-only access on Shopify, then come back here while the first sync runs.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action="/api/shopify/install" method="get" onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end" data-testid="connect-shopify-form">
          <input type="hidden" name="workspace" value={slug} />
          <input type="hidden" name="shop" value={domain ?? ""} />
          <Field label="Store address" hint="Your permanent myshopify.com domain, found in Shopify admin → Settings → Domains." error={error} className="flex-1">
            <Input
              placeholder="acme.myshopify.com"
              autoComplete="off"
              spellCheck={false}
              value={shop}
              onChange={(event) => setShop(event.target.value)}
              data-testid="connect-shopify-shop"
            />
          </Field>
          <Button type="submit" loading={leaving} data-testid="connect-shopify-submit">
            Connect Shopify
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
