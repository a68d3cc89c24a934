"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { inputErrors, type InputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { BREAKDOWN_PART_LABEL, BREAKDOWN_PARTS, updatePayoutSetupInput, type BreakdownPart } from "@/server/services/payout-reconciliation/schema";

type Outputs = inferRouterOutputs<AppRouter>;
type AccountingOption = Outputs["accounting"]["payoutSetupOptions"]["accountingConnections"][number];
type SavedSetup = Outputs["payouts"]["setups"][number];
type Category = AccountingOption["categories"][number];

// FreeAgent's four category groups, in the order its own pickers show them.
const GROUP_LABEL: Record<string, string> = { income: "Income", cost_of_sales: "Cost of sales", admin_expenses: "Admin expenses", general: "General" };

const PART_HINT: Partial<Record<BreakdownPart, string>> = {
  grossSales: "Sales income, before refunds and fees.",
  fees: "The payment provider's processing fees: usually an expense.",
  reservedFunds: "Money the payment provider holds back for a while.",
};

function groupsOf(categories: Category[]): [string, Category[]][] {
  const groups = new Map<string, Category[]>();
  for (const category of categories) groups.set(category.group, [...(groups.get(category.group) ?? []), category]);
  return [...groups.entries()];
}

type Draft = { accountingConnectionId: string; bankAccountExternalId: string; dateWindowDays: string; depositDescription: string; categoryMap: Partial<Record<BreakdownPart, string>>; autoExplain: boolean };

function draftOf(saved: SavedSetup | null, accounting: AccountingOption[]): Draft {
  const connection = accounting.find((option) => option.id === saved?.accountingConnection.id) ?? accounting[0]!;
  return {
    accountingConnectionId: connection.id,
    bankAccountExternalId: saved?.bankAccountExternalId ?? connection.bankAccounts[0]?.externalId ?? "",
    dateWindowDays: String(saved?.dateWindowDays ?? 5),
    depositDescription: saved?.depositDescription ?? "",
    categoryMap: saved?.categoryMap ?? {},
    autoExplain: saved?.autoExplain ?? false,
  };
}

// One store's payout reconciliation: the bank account its payouts land in, how late a deposit may
// be dated, the words on it, the category each part is explained with, and whether Meridian
// explains matched deposits by itself.
export function PayoutSetupForm({ store, accountingConnections, saved }: { store: { id: string; displayName: string }; accountingConnections: AccountingOption[]; saved: SavedSetup | null }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved, accountingConnections));
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const accounting = accountingConnections.find((option) => option.id === draft.accountingConnectionId) ?? accountingConnections[0]!;
  const idPrefix = `payout-setup-${store.id}`;
  // What the server's schema would refuse, found before sending (shown as the server's would be).
  const [clientErrors, setClientErrors] = useState<InputErrors | null>(null);

  const update = useMutation(
    trpc.payouts.updateSetup.mutationOptions({
      onSuccess: () => {
        toast("Payout reconciliation saved");
        return queryClient.invalidateQueries({ queryKey: trpc.payouts.pathKey() });
      },
    }),
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      storeConnectionId: store.id,
      accountingConnectionId: draft.accountingConnectionId,
      bankAccountExternalId: draft.bankAccountExternalId,
      // An empty box is "no number": the server names the field.
      dateWindowDays: draft.dateWindowDays.trim() === "" ? Number.NaN : Number(draft.dateWindowDays),
      depositDescription: draft.depositDescription,
      categoryMap: draft.categoryMap,
      autoExplain: draft.autoExplain,
    };
    const invalid = inputErrors(updatePayoutSetupInput, input);
    setClientErrors(invalid);
    if (invalid) return;
    update.reset();
    update.mutate({ workspaceSlug: slug, ...input });
  };
  const errors: Record<string, string | undefined> = clientErrors ?? fieldErrorsOf(update.error);
  const formError = update.error && !clientErrors && Object.values(errors).every((message) => !message) ? errorMessageOf(update.error) : null;
  const categoryGroups = groupsOf(accounting.categories);

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-title`} data-testid="payout-setup-form" data-store={store.displayName}>
        <CardHeader>
          <CardTitle id={`${idPrefix}-title`}>Payouts of {store.displayName}</CardTitle>
          <CardDescription>{saved ? "Saving reconciles this store's payouts again." : "Not set up yet: this store's payouts are not reconciled."}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <div className="grid gap-4 sm:grid-cols-2">
            {accountingConnections.length > 1 && (
              <Field label="Accounting system" error={errors.accountingConnectionId}>
                <Select
                  value={draft.accountingConnectionId}
                  onChange={(event) => {
                    const next = accountingConnections.find((option) => option.id === event.target.value)!;
                    set({ accountingConnectionId: next.id, bankAccountExternalId: next.bankAccounts[0]?.externalId ?? "", categoryMap: {} });
                  }}
                  data-testid="payout-setup-accounting"
                >
                  {accountingConnections.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.displayName}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            <Field
              label="Bank account payouts land in"
              hint={accounting.bankAccounts.length === 0 ? "No bank account synced yet: wait for the accounting system's first sync." : undefined}
              error={errors.bankAccountExternalId}
            >
              <Select value={draft.bankAccountExternalId} onChange={(event) => set({ bankAccountExternalId: event.target.value })} data-testid="payout-setup-bank-account">
                {accounting.bankAccounts.length === 0 && <option value="">No bank account</option>}
                {accounting.bankAccounts.map((account) => (
                  <option key={account.externalId} value={account.externalId}>
                    {account.name} ({account.currency})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Date window (days)" hint="How many days after a payout its deposit may be dated. 0–31." error={errors.dateWindowDays}>
              <Input
                type="number"
                inputMode="numeric"
                min={0}
                max={31}
                step={1}
                value={draft.dateWindowDays}
                onChange={(event) => set({ dateWindowDays: event.target.value })}
                data-testid="payout-setup-window"
              />
            </Field>
            <Field label="Deposit description contains" hint="The words your bank puts on a payout's deposit, such as the payment provider's name; case does not matter." error={errors.depositDescription}>
              <Input value={draft.depositDescription} maxLength={100} onChange={(event) => set({ depositDescription: event.target.value })} data-testid="payout-setup-description" />
            </Field>
          </div>

          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium">Category for each part</legend>
            <p className="text-xs text-muted-foreground">What each part of a payout is explained as. A part left unmapped blocks explaining payouts that have it.</p>
            {errors.categoryMap && <p className="text-xs text-destructive">{errors.categoryMap}</p>}
            <div className="grid gap-4 sm:grid-cols-2">
              {BREAKDOWN_PARTS.map((part) => (
                <Field key={part} label={BREAKDOWN_PART_LABEL[part]} hint={PART_HINT[part]}>
                  <Select
                    value={draft.categoryMap[part] ?? ""}
                    onChange={(event) => set({ categoryMap: { ...draft.categoryMap, [part]: event.target.value || undefined } })}
                    data-testid={`payout-setup-category-${part}`}
                  >
                    <option value="">Not mapped</option>
                    {categoryGroups.map(([group, categories]) => (
                      <optgroup key={group} label={GROUP_LABEL[group] ?? group}>
                        {categories.map((category) => (
                          <option key={category.externalId} value={category.externalId}>
                            {category.nominalCode} {category.description}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </Select>
                </Field>
              ))}
            </div>
          </fieldset>

          <div className="flex items-start gap-3">
            <Switch id={`${idPrefix}-auto`} checked={draft.autoExplain} onCheckedChange={(autoExplain) => set({ autoExplain })} aria-describedby={`${idPrefix}-auto-hint`} data-testid="payout-setup-auto-explain" />
            <div className="grid gap-0.5">
              <Label htmlFor={`${idPrefix}-auto`}>Explain matched payouts automatically</Label>
              <p id={`${idPrefix}-auto-hint`} className="text-xs text-muted-foreground">
                Meridian posts the explanation of each newly matched deposit without waiting for an admin. It never touches a deposit someone has already explained.
              </p>
            </div>
          </div>
          {formError && <Alert variant="error">{formError}</Alert>}
        </CardContent>
        <CardFooter>
          <Button type="submit" loading={update.isPending} data-testid="payout-setup-save">
            Save
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
