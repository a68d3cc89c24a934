"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { ConnectorChoice, ConnectWay } from "./connect-choice";

type CredentialsWay = Extract<ConnectWay, { kind: "credentials" }>;
type CredentialField = CredentialsWay["fields"][number];

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// A provider that connects with what a person enters (an API key, a token, a pasted secret, a
// service-account key file): the connector's fields, sent to connection.create, which checks them
// with the provider before storing anything. The provider's refusal shows under the field at fault.
// When the values open several accounts (a GA4 key file and its properties), the accounts are
// listed once the values are in (at once for a file) and the person picks one before connecting.
export function CredentialsConnectForm({ choice, way }: { choice: ConnectorChoice; way: CredentialsWay }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, string>>({});
  const [account, setAccount] = useState("");
  const accounts = useMutation(
    trpc.connection.credentialAccounts.mutationOptions({
      onSuccess: (listed) => setAccount(listed.accounts[0]?.id ?? ""),
    }),
  );
  const create = useMutation(
    trpc.connection.create.mutationOptions({
      onSuccess: (connection) => {
        toast(`${connection.displayName} is connected. Its first sync has started.`);
        setValues({});
        setFiles({});
        accounts.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.connection.list.queryKey({ workspaceSlug: slug }) });
      },
    }),
  );
  const listed = way.accounts ? accounts.data?.accounts : undefined;
  // The latest step's refusal: listing the accounts, or connecting.
  const failed = create.error ?? accounts.error;
  const fieldErrors = fieldErrorsOf(failed);
  const formError = failed && !way.fields.some((f) => fieldErrors[f.name]) && !fieldErrors.account ? errorMessageOf(failed) : null;

  function listAccounts(next: Record<string, string>) {
    create.reset();
    if (way.fields.every((field) => next[field.name])) accounts.mutate({ workspaceSlug: slug, provider: choice.provider, credentials: next });
    else accounts.reset();
  }

  function set(name: string, value: string) {
    setValues((all) => ({ ...all, [name]: value }));
    // Typed values are listed on submit; what was listed for the old ones no longer holds.
    if (way.accounts) accounts.reset();
  }

  // A key file is read here and sent as text, like a pasted one.
  async function onFile(field: CredentialField, event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFiles((all) => ({ ...all, [field.name]: file?.name ?? "" }));
    const next = { ...values, [field.name]: file ? await file.text() : "" };
    setValues(next);
    if (way.accounts) listAccounts(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (way.accounts && !listed) listAccounts(values);
    else create.mutate({ workspaceSlug: slug, provider: choice.provider, credentials: values, ...(listed ? { account } : {}) });
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
      {way.accounts && accounts.isPending && (
        <p role="status" className="text-sm text-muted-foreground">
          Looking up the {way.accounts}s these credentials can read…
        </p>
      )}
      {way.accounts && listed && listed.length > 0 && (
        <Field
          label={capitalized(way.accounts)}
          hint={listed.length === 1 ? `The only ${way.accounts} these credentials can read.` : `These credentials can read ${listed.length}: choose the one to connect.`}
          error={fieldErrors.account}
        >
          <Select value={account} onChange={(event) => setAccount(event.target.value)} data-testid="connect-account-select">
            {listed.map((option) => (
              <option key={option.id} value={option.id}>
                {option.detail ? `${option.label} (${option.detail})` : option.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {way.accounts && listed?.length === 0 && <Alert variant="error">These credentials can read no {way.accounts}.</Alert>}
      {formError && <Alert variant="error">{formError}</Alert>}
      <Button type="submit" className="w-fit" loading={create.isPending || accounts.isPending} disabled={Boolean(listed && !listed.length)} data-testid="connect-submit">
        {way.accounts && !listed ? `Find ${way.accounts}s` : `Connect ${choice.name}`}
      </Button>
    </form>
  );
}
