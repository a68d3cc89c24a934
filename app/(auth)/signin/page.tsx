import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { auth, googleEnabled } from "@/server/auth";
import { safeCallbackPath } from "@/server/auth/paths";
import { signInErrorMessage } from "@/server/auth/sign-in-messages";
import { signInWithGoogle } from "./actions";
import { EmailSignInForm } from "./email-sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  if (await auth()) redirect(callbackUrl);

  const error = signInErrorMessage(first(params.error));
  // Invitation links for people without an account pass the invited address along.
  const email = first(params.email)?.trim().slice(0, 254) ?? "";

  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <h1 className="text-lg font-semibold">Sign in to Meridian</h1>
          <CardDescription>We will email you a link that signs you in. No password needed.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {error && <Alert variant="error">{error}</Alert>}
          <EmailSignInForm callbackUrl={callbackUrl} defaultEmail={email} />
          {googleEnabled && (
            <>
              <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden="true">
                <span className="h-px flex-1 bg-border" />
                or
                <span className="h-px flex-1 bg-border" />
              </div>
              <form action={signInWithGoogle}>
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <Button type="submit" variant="outline" className="w-full">
                  Continue with Google
                </Button>
              </form>
            </>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
