"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SignInFormState } from "@/server/auth/sign-in-request";
import { signInWithEmail } from "../signin/actions";

// The sign-in form's action again, for the same address: a new link (rate-limited like any other
// sign-in), and back to this page saying it was resent.
export function ResendLinkForm({ email, callbackUrl }: { email: string; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(signInWithEmail, { email } satisfies SignInFormState);
  const error = state.formError ?? state.fieldError;

  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <input type="hidden" name="resend" value="1" />
      {error && <Alert variant="error">{error}</Alert>}
      <Button type="submit" variant="outline" loading={pending} className="w-full" data-testid="resend-sign-in-link">
        Resend the link
      </Button>
    </form>
  );
}
