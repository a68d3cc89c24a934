"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function AcceptInvitationButton({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: ({ workspaceSlug }) => router.push(`/w/${workspaceSlug}`),
    }),
  );

  return (
    <div className="grid gap-3">
      {accept.error && <Alert variant="error">{errorMessageOf(accept.error)}</Alert>}
      <Button
        size="lg"
        className="w-full"
        loading={accept.isPending || accept.isSuccess}
        onClick={() => accept.mutate({ token })}
        data-testid="accept-invitation"
      >
        {accept.isSuccess ? "Opening workspace…" : "Accept invitation"}
      </Button>
    </div>
  );
}
