import type { Metadata } from "next";
import Link from "next/link";
import { NotificationsForm } from "@/components/settings/notifications-form";
import { requireUser } from "@/server/auth";

export const metadata: Metadata = { title: "Notifications" };

// The emails Meridian sends a person are theirs, in every workspace alike: a page of the account,
// outside any workspace (the old workspace settings address redirects here).
export default async function AccountNotificationsPage() {
  const user = await requireUser("/account/notifications");

  return (
    <main id="main" className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-10 sm:px-8">
      <div className="grid gap-1">
        <Link href="/" className="inline-flex min-h-6 w-fit items-center text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
          ← Back to your workspace
        </Link>
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">Notifications</h1>
        <p className="text-sm text-muted-foreground">Choose which emails Meridian sends you ({user.email}), from every workspace you are in.</p>
      </div>
      <NotificationsForm />
    </main>
  );
}
