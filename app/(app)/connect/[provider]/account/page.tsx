import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { requireUser } from "@/server/auth";
import { PENDING_CHOICE_COOKIE } from "@/server/services/connections/connect-http";
import { oauthProviderOfSlug } from "@/server/services/connections/oauth-connector";
import { loadPendingChoice } from "@/server/services/connections/pending-account-choice";

export const metadata: Metadata = { title: "Choose what to connect" };

// After consent, when the grant opens several accounts (a Google account reading several GA4
// properties): the person picks the one this connection is, in a plain form (keyboard and
// screen-reader behaviour from the browser; no script needed).
export default async function ConnectAccountPage({ params }: { params: Promise<{ provider: string }> }) {
  const { provider: slug } = await params;
  const provider = oauthProviderOfSlug(slug);
  if (!provider) notFound();
  const user = await requireUser(`/connect/${slug}/account`);
  const choice = await loadPendingChoice({ provider, cookieValue: (await cookies()).get(PENDING_CHOICE_COOKIE)?.value, userId: user.id });
  if ("failed" in choice) redirect(`/connect/error?${new URLSearchParams({ provider: slug, reason: choice.failed })}`);
  const { providerName, label, accounts, workspaceName } = choice;

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 p-6">
      <p className="text-sm font-semibold tracking-wide text-primary">Meridian</p>
      <Card className="w-full max-w-md">
        <CardHeader>
          <h1 className="text-xl font-semibold">Choose the {label} to connect</h1>
          <CardDescription>
            The account you signed in with on {providerName} can read {accounts.length} of them. The one you choose syncs into {workspaceName}; connect
            another later the same way.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form method="post" action={`/api/connections/${slug}/account`} className="grid gap-4" data-testid="connect-account-form">
            <Field label={label[0]!.toUpperCase() + label.slice(1)}>
              <Select name="account" required defaultValue={accounts[0]?.id} data-testid="connect-account-select">
                {accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.detail ? `${account.label} (${account.detail})` : account.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" className="w-fit" data-testid="connect-account-submit">
              Connect
            </Button>
          </form>
        </CardContent>
      </Card>
      <p className="text-sm text-muted-foreground">Signed in as {user.email}</p>
    </main>
  );
}
