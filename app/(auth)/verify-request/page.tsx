import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { MAGIC_LINK_MAX_AGE_MINUTES } from "@/server/auth/magic-link-expiry";
import { safeCallbackPath, SIGN_IN_PATH } from "@/server/auth/paths";
import { env } from "@/server/env";
import { ResendLinkForm } from "./resend-link-form";

export const metadata: Metadata = { title: "Check your email" };

const sentTo = z.email();

// Where the sign-in form lands once the link is mailed (server/auth/request-email-sign-in.ts): it
// names the address, so a typo shows, and offers the link again. Without an address in the URL
// (an old bookmark), it says what it can.
export default async function VerifyRequestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const email = sentTo.safeParse(params.email).data;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const showOutbox = env.NODE_ENV !== "production";

  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <h1 className="text-lg font-semibold">Check your email</h1>
          <CardDescription data-testid="verify-request-sent-to">
            {email ? (
              <>
                We sent a sign-in link to <strong className="font-medium break-all text-foreground">{email}</strong>.
              </>
            ) : (
              "We sent you a sign-in link."
            )}{" "}
            It works once and expires in {MAGIC_LINK_MAX_AGE_MINUTES} minutes. You can close this tab.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          {params.resent === "1" && (
            <Alert variant="success" data-testid="verify-request-resent">
              A new link is on its way.
            </Alert>
          )}
          {email && <ResendLinkForm email={email} callbackUrl={callbackUrl} />}
          {showOutbox && (
            <p className="rounded-md border border-dashed px-3 py-2 text-muted-foreground">
              Development: without <code>RESEND_API_KEY</code> no email leaves this machine. Open the{" "}
              <Link href="/dev/outbox" className="font-medium text-primary underline underline-offset-4">
                dev outbox
              </Link>{" "}
              to follow the link.
            </p>
          )}
          <Link href={SIGN_IN_PATH} className="inline-flex min-h-6 w-fit items-center text-muted-foreground underline underline-offset-4 hover:text-foreground">
            Use a different email
          </Link>
        </CardContent>
      </Card>
    </main>
  );
}
