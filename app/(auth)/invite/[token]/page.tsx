import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AcceptInvitationButton } from "@/components/invite/accept-invitation-button";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { roleLabel } from "@/components/workspace/role-badge";
import { api } from "@/server/api/caller";
import { auth } from "@/server/auth";
import { signInUrlFor } from "@/server/auth/paths";
import type { InvitationPreview } from "@/server/services/invitations/preview-invitation";
import { switchAccountForInvitation } from "./actions";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const REFUSED: Record<"invalid" | "expired" | "revoked" | "accepted", { title: string; body: string }> = {
  invalid: {
    title: "This invitation link is not valid",
    body: "Check that you used the whole link from the email, or ask a workspace admin for a new invitation.",
  },
  expired: { title: "This invitation has expired", body: "Invitations last 7 days. Ask a workspace admin to resend it." },
  revoked: { title: "This invitation was revoked", body: "Ask a workspace admin for a new invitation if you still need access." },
  accepted: { title: "This invitation has already been used", body: "If it was you, open Meridian and pick the workspace." },
};

function Frame({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-12">
      <p className="text-sm font-semibold tracking-wide text-primary">Meridian</p>
      <Card className="w-full max-w-md" data-testid="invitation-card">
        {children}
      </Card>
    </main>
  );
}

// A token the API refuses outright (a NUL byte, too long) is a mangled link like any other.
async function previewOrInvalid(token: string): Promise<InvitationPreview> {
  return (await api()).invitation.preview({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return { status: "invalid", workspaceName: null, email: null, role: null };
    throw error;
  });
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, session] = await Promise.all([previewOrInvalid(token), auth()]);

  if (preview.status !== "valid" || !preview.email || !preview.role || !preview.workspaceName) {
    const refusal = REFUSED[preview.status === "valid" ? "invalid" : preview.status];
    return (
      <Frame>
        <CardHeader>
          <h1 className="text-lg font-semibold">{refusal.title}</h1>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Alert variant="error" data-testid="invitation-status" data-status={preview.status}>
            {refusal.body}
          </Alert>
          <Link href="/" className={buttonVariants({ variant: "outline", className: "w-full" })}>
            Go to Meridian
          </Link>
        </CardContent>
      </Frame>
    );
  }

  const invitePath = `/invite/${encodeURIComponent(token)}`;
  const signedInEmail = session?.user.email;
  const wrongAccount = signedInEmail !== undefined && signedInEmail.toLowerCase() !== preview.email.toLowerCase();

  return (
    <Frame>
      <CardHeader>
        <h1 className="text-lg font-semibold">Join {preview.workspaceName}</h1>
        <CardDescription>You have been invited to a Meridian workspace.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border bg-muted/40 p-4 text-sm">
          <dt className="text-muted-foreground">Workspace</dt>
          <dd className="font-medium" data-testid="invitation-workspace">
            {preview.workspaceName}
          </dd>
          <dt className="text-muted-foreground">Role</dt>
          <dd className="font-medium" data-testid="invitation-role">
            {roleLabel(preview.role)}
          </dd>
          <dt className="text-muted-foreground">Invited email</dt>
          <dd className="font-medium break-all" data-testid="invitation-email">
            {preview.email}
          </dd>
        </dl>

        {!session ? (
          <Link
            href={`${signInUrlFor(invitePath)}&${new URLSearchParams({ email: preview.email })}`}
            className={buttonVariants({ size: "lg", className: "w-full" })}
            data-testid="sign-in-to-accept"
          >
            Sign in to accept
          </Link>
        ) : wrongAccount ? (
          <div className="grid gap-3">
            <Alert variant="error" title="This invitation is for a different email" data-testid="invitation-wrong-email">
              You are signed in as {signedInEmail}, but the invitation was sent to {preview.email}. Sign in with{" "}
              {preview.email} to accept it.
            </Alert>
            <form action={switchAccountForInvitation.bind(null, token, preview.email)}>
              <Button type="submit" variant="outline" className="w-full">
                Sign in as {preview.email}
              </Button>
            </form>
          </div>
        ) : (
          <AcceptInvitationButton token={token} />
        )}
      </CardContent>
    </Frame>
  );
}
