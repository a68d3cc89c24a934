import type { Metadata } from "next";
import Link from "next/link";
import { CreateWorkspaceForm } from "@/components/onboarding/create-workspace-form";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { api } from "@/server/api/caller";
import { requireUser } from "@/server/auth";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const workspaces = await (await api()).workspace.list();
  const firstTime = workspaces.length === 0;

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 p-6">
      <p className="text-sm font-semibold tracking-wide text-primary">Meridian</p>
      <Card className="w-full max-w-md">
        <CardHeader>
          <h1 className="text-xl font-semibold">{firstTime ? "Create your first workspace" : "Create a workspace"}</h1>
          <CardDescription>
            A workspace holds your team, its connections and its data. You can invite teammates once it exists.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateWorkspaceForm />
        </CardContent>
      </Card>
      <p className="text-sm text-muted-foreground">
        Signed in as {user.email}
        {!firstTime && (
          <>
            {" · "}
            <Link href="/" className="font-medium text-primary hover:underline">
              Back to your workspaces
            </Link>
          </>
        )}
      </p>
    </main>
  );
}
