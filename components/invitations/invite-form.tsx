"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { ROLE_OPTIONS } from "@/components/workspace/role-badge";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { createInvitationInput } from "@/server/services/invitations/schema";

type FieldErrors = { email?: string; role?: string };

export function InviteForm() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const invite = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: async (invitation) => {
        toast(`Invitation sent to ${invitation.email}`);
        await queryClient.invalidateQueries({ queryKey: trpc.invitation.list.pathKey() });
      },
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = createInvitationInput.safeParse({ email: data.get("email"), role: data.get("role") });
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error).fieldErrors;
      setClientErrors({ email: flat.email?.[0], role: flat.role?.[0] });
      return;
    }
    setClientErrors({});
    invite.mutate({ workspaceSlug: slug, ...parsed.data }, { onSuccess: () => form.reset() });
  };

  const serverErrors = fieldErrorsOf(invite.error);
  const emailError = clientErrors.email ?? serverErrors.email;
  const roleError = clientErrors.role ?? serverErrors.role;
  const formError = invite.error && !serverErrors.email && !serverErrors.role ? errorMessageOf(invite.error) : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite a teammate</CardTitle>
        <CardDescription>They get an email with a link that works once and expires in 7 days.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="invite-form" aria-label="Invite a teammate">
          <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-start">
            <Field label="Email" error={emailError}>
              <Input name="email" type="email" autoComplete="off" placeholder="teammate@company.com" data-testid="invite-email" />
            </Field>
            <Field label="Role" error={roleError}>
              <Select name="role" defaultValue="MEMBER" data-testid="invite-role">
                {ROLE_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" loading={invite.isPending} className="sm:mt-6" data-testid="invite-submit">
              Send invitation
            </Button>
          </div>
          {formError && <Alert variant="error">{formError}</Alert>}
        </form>
      </CardContent>
    </Card>
  );
}
