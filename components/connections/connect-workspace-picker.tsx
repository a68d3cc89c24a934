"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createWorkspaceInput } from "@/server/services/workspaces/schema";

type Workspace = { id: string; slug: string; name: string; connectionStatus: string | null };

/** The install route and the account's query parameters (from loadConnectPicker); `workspace` is added here. */
type Install = { path: string; query: Record<string, string> };

function installUrl(install: Install, slug: string): string {
  return `${install.path}?${new URLSearchParams({ workspace: slug, ...install.query })}`;
}

// After a provider opened Meridian (an app launched from its admin): choose the workspace the account joins,
// or create one. Either way the browser then leaves for the provider's consent screen, hence full
// navigations, not router.push.
export function ConnectWorkspacePicker({ providerName, install, workspaces }: { providerName: string; install: Install; workspaces: Workspace[] }) {
  const trpc = useTRPC();
  const [clientError, setClientError] = useState<string | undefined>();
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: (workspace) => window.location.assign(installUrl(install, workspace.slug)),
    }),
  );

  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = createWorkspaceInput.safeParse({ name: new FormData(event.currentTarget).get("name") });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    create.mutate(parsed.data);
  };

  const nameError = clientError ?? fieldErrorsOf(create.error).name;
  const formError = create.error && !fieldErrorsOf(create.error).name ? errorMessageOf(create.error) : null;

  return (
    <div className="grid gap-6">
      {workspaces.length > 0 && (
        <ul className="grid gap-2" data-testid="connect-workspace-list">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <a
                href={installUrl(install, workspace.slug)}
                className={buttonVariants({ variant: "outline", className: "h-auto min-h-9 w-full flex-wrap justify-between py-2 whitespace-normal" })}
                data-testid={`connect-pick-${workspace.slug}`}
              >
                <span>{workspace.name}</span>
                <span className="text-xs break-all text-muted-foreground">
                  {workspace.connectionStatus === "ACTIVE"
                    ? "Connected · reconnect"
                    : workspace.connectionStatus
                      ? "Was connected · reconnect"
                      : `/w/${workspace.slug}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onCreate} noValidate className="grid gap-3" data-testid="connect-create-workspace-form">
        <Field
          label={workspaces.length > 0 ? "Or create a new workspace" : "Create a workspace"}
          hint={`It will hold this ${providerName} account's data; you can invite your team later.`}
          error={nameError}
        >
          <Input name="name" autoComplete="organization" placeholder="Acme Supplies" data-testid="connect-workspace-name" />
        </Field>
        {formError && <Alert variant="error">{formError}</Alert>}
        <Button type="submit" loading={create.isPending || create.isSuccess} data-testid="connect-create-workspace-submit">
          Create and connect
        </Button>
      </form>
    </div>
  );
}
