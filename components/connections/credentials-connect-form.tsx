"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { ConnectorChoice, ConnectWay } from "./connect-choice";

type CredentialsWay = Extract<ConnectWay, { kind: "credentials" }>;
type CredentialField = CredentialsWay["fields"][number];

// A provider that connects with what a person enters (an API key, a token, a pasted secret, a
// service-account key file): the connector's fields, sent to connection.create, which checks them
// with the provider before storing anything. The provider's refusal shows under the field at fault.
export function CredentialsConnectForm({ choice, way }: { choice: ConnectorChoice; way: CredentialsWay }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.connection.create.mutationOptions({
      onSuccess: (connection) => {
        toast(`${connection.displayName} is connected. Its first sync has started.`);
        setValues({});
        setFiles({});
        void queryClient.invalidateQueries({ queryKey: trpc.connection.list.queryKey({ workspaceSlug: slug }) });
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(create.error);
  const formError = create.error && !way.fields.some((f) => fieldErrors[f.name]) ? errorMessageOf(create.error) : null;

  const set = (name: string, value: string) => setValues((all) => ({ ...all, [name]: value }));

  // A key file is read here and sent as text, like a pasted one.
  async function onFile(field: CredentialField, event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFiles((all) => ({ ...all, [field.name]: file?.name ?? "" }));
    set(field.name, file ? await file.text() : "");
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ workspaceSlug: slug, provider: choice.provider, credentials: values });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3" data-testid="connect-credentials-form">
      {way.fields.map((field) => (
        <Field key={field.name} label={field.label} hint={field.type === "file" && files[field.name] ? `Chosen: ${files[field.name]}` : field.hint} error={fieldErrors[field.name]}>
          {field.type === "file" ? (
            <Input type="file" accept={field.accept} onChange={(event) => void onFile(field, event)} data-testid={`connect-field-${field.name}`} />
          ) : (
            <Input
              type={field.type === "secret" ? "password" : "text"}
              placeholder={field.placeholder}
              autoComplete="off"
              spellCheck={false}
              value={values[field.name] ?? ""}
              onChange={(event) => set(field.name, event.target.value)}
              data-testid={`connect-field-${field.name}`}
            />
          )}
        </Field>
      ))}
      {formError && <Alert variant="error">{formError}</Alert>}
      <Button type="submit" className="w-fit" loading={create.isPending} data-testid="connect-submit">
        Connect {choice.name}
      </Button>
    </form>
  );
}
