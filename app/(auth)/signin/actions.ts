"use server";

import { signIn } from "@/server/auth";
import { safeCallbackPath } from "@/server/auth/paths";
import { requestEmailSignIn } from "@/server/auth/request-email-sign-in";
import type { SignInFormState } from "@/server/auth/sign-in-request";

export async function signInWithEmail(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  return requestEmailSignIn(formData);
}

export async function signInWithGoogle(formData: FormData): Promise<void> {
  await signIn("google", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
