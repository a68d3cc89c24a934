"use client";

import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SignInFormState } from "@/server/auth/sign-in-request";
import { signInWithEmail } from "./actions";

export function EmailSignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail: string }) {
  const [state, formAction, pending] = useActionState(signInWithEmail, { email: defaultEmail } satisfies SignInFormState);
  const emailRef = useRef<HTMLInputElement>(null);

  // Send keyboard and screen-reader users straight to the field that needs fixing.
  useEffect(() => {
    if (state.fieldError) emailRef.current?.focus();
  }, [state]);

  return (
    <form action={formAction} noValidate className="grid gap-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.formError && <Alert variant="error">{state.formError}</Alert>}
      <Field label="Email" error={state.fieldError}>
        <Input
          ref={emailRef}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          placeholder="you@company.com"
          defaultValue={state.email}
          key={state.email}
          autoFocus
          required
        />
      </Field>
      <Button type="submit" loading={pending} className="w-full">
        Email me a sign-in link
      </Button>
    </form>
  );
}
