"use server";

import { signOut } from "@/server/auth";
import { signInUrlFor } from "@/server/auth/paths";

// For a link opened while signed in with another address: sign out, then sign in again and land
// back on the invitation. The token comes from the page's own URL, which the user already holds.
export async function switchAccountForInvitation(token: string, email: string): Promise<void> {
  const signInUrl = signInUrlFor(`/invite/${encodeURIComponent(token)}`);
  const separator = signInUrl.includes("?") ? "&" : "?";
  await signOut({ redirectTo: `${signInUrl}${separator}${new URLSearchParams({ email })}` });
}
