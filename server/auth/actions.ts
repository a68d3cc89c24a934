"use server";

import { signOut } from "./index";
import { SIGN_IN_PATH } from "./paths";

// Used as a form action by the user menu: `<form action={signOutAction}>`. Server actions carry
// Next.js's origin check, so a cross-site form cannot sign a user out.
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: SIGN_IN_PATH });
}
