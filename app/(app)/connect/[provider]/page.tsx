import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectWorkspacePicker } from "@/components/connections/connect-workspace-picker";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/server/auth";
import { loadConnectPicker } from "@/server/services/connections/begin-connect";

export const metadata: Metadata = { title: "Choose a workspace" };

// Where a connect the provider started lands (after sign-in): the install route verified the
// provider's signature and sends the account here; the person picks the workspace it joins.
export default async function ConnectPickerPage({
  params,
  searchParams,
}: {
  params: Promise<{ provider: string }>;
  searchParams: Promise<{ account?: string | string[] }>;
}) {
  const { provider } = await params;
  const { account: raw } = await searchParams;
  const typed = typeof raw === "string" ? raw : null;
  const user = await requireUser(`/connect/${encodeURIComponent(provider)}?${new URLSearchParams(typed ? { account: typed } : {})}`);
  const picker = await loadConnectPicker(user.id, provider, typed);
  if (!picker) notFound();
  const { providerName, account, workspaces, connectedElsewhere, install } = picker;

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 p-6">
      <p className="text-sm font-semibold tracking-wide text-primary">Meridian</p>
      <Card className="w-full max-w-md">
        {account ? (
          <>
            <CardHeader>
              <h1 className="text-xl font-semibold [overflow-wrap:anywhere]">Connect {account}</h1>
              <CardDescription>
                Choose the workspace this {providerName} account syncs into. Only workspaces where you are an owner or
                admin are listed.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {connectedElsewhere && (
                <Alert variant="warning" title="Already connected elsewhere" data-testid="connect-connected-elsewhere">
                  This account is connected to a Meridian workspace you do not administer. Ask its owners to add you, or to
                  disconnect it there first.
                </Alert>
              )}
              <ConnectWorkspacePicker providerName={providerName} install={install} workspaces={workspaces} />
            </CardContent>
          </>
        ) : (
          <CardHeader>
            <h1 className="text-xl font-semibold">Nothing to connect</h1>
            <CardDescription>
              This page needs a {providerName} account. Open Meridian from {providerName} again, or connect it from a
              workspace&apos;s Connections page.
            </CardDescription>
            <Link href="/" className={buttonVariants({ variant: "outline", className: "mt-2 w-fit" })}>
              Go to Meridian
            </Link>
          </CardHeader>
        )}
      </Card>
      <p className="text-sm text-muted-foreground">Signed in as {user.email}</p>
    </main>
  );
}
