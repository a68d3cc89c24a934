import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { MAGIC_LINK_MAX_AGE_MINUTES } from "@/server/auth/magic-link-expiry";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Check your email" };

export default function VerifyRequestPage() {
  const showOutbox = env.NODE_ENV !== "production";
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <h1 className="text-lg font-semibold">Check your email</h1>
          <CardDescription>
            We sent you a sign-in link. It works once and expires in {MAGIC_LINK_MAX_AGE_MINUTES} minutes. You can close this tab.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          {showOutbox && (
            <p className="rounded-md border border-dashed px-3 py-2 text-muted-foreground">
              Development: without <code>RESEND_API_KEY</code> no email leaves this machine. Open the{" "}
              <Link href="/dev/outbox" className="font-medium text-primary underline underline-offset-4">
                dev outbox
              </Link>{" "}
              to follow the link.
            </p>
          )}
          <Link href="/signin" className="text-muted-foreground underline underline-offset-4 hover:text-foreground">
            Use a different email
          </Link>
        </CardContent>
      </Card>
    </main>
  );
}
