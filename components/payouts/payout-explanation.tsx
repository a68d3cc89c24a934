"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { explainBlocker } from "./explain-blocker";
import { BREAKDOWN_PART_LABEL, type BreakdownPart } from "@/server/services/payout-reconciliation/schema";
import { useFormat } from "@/components/ui/formats";

type PayoutDetail = inferRouterOutputs<AppRouter>["payouts"]["get"];
type Line = { part: string; grossValue: string; categoryExternalId: string | null };

const partLabel = (part: string) => BREAKDOWN_PART_LABEL[part as BreakdownPart] ?? part;

// The explanation of a payout's deposit: what Meridian posted (with Undo), or what it would post
// (with "Explain in FreeAgent"; disabled, with the reason, when it cannot).
export function PayoutExplanation({ payout }: { payout: PayoutDetail }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canExplain = useCan("connections.manage");
  const [confirmUndo, setConfirmUndo] = useState(false);
  const categories = useQuery(trpc.accounting.categories.queryOptions({ workspaceSlug: slug }));
  const categoryName = (externalId: string | null) => {
    if (!externalId) return null;
    const category = categories.data?.find((c) => c.externalId === externalId);
    return category ? `${category.nominalCode} ${category.description}` : externalId;
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.payouts.pathKey() });
  const explain = useMutation(
    trpc.payouts.explain.mutationOptions({
      onSuccess: () => {
        toast("Payout explained");
        return refresh();
      },
    }),
  );
  const undo = useMutation(
    trpc.payouts.undoExplanation.mutationOptions({
      onSuccess: () => {
        setConfirmUndo(false);
        toast("Explanation undone");
        return refresh();
      },
    }),
  );

  const { posted, proposed } = payout.explanation;
  if (posted.length > 0) {
    return (
      <div className="grid gap-3" data-testid="payout-explanation" data-explanation="posted">
        <p className="text-sm">Meridian explained this deposit in the accounting system:</p>
        <ExplanationTable lines={posted} currency={payout.currency} categoryName={categoryName} caption="Explanations Meridian posted" />
        <div>
          <Button
            variant="outline"
            disabled={!canExplain}
            onClick={() => {
              undo.reset();
              setConfirmUndo(true);
            }}
            data-testid="payout-undo"
          >
            Undo explanation
          </Button>
          {!canExplain && <p className="mt-1 text-xs text-muted-foreground">Only an admin of this workspace can undo it.</p>}
        </div>
        <ConfirmDialog
          open={confirmUndo}
          onOpenChange={setConfirmUndo}
          title="Undo this payout's explanation?"
          description="Meridian deletes exactly the explanations it posted for this deposit; the transaction is left unexplained, as it was before."
          confirmLabel="Undo explanation"
          onConfirm={() => undo.mutate({ workspaceSlug: slug, payoutId: payout.id })}
          pending={undo.isPending}
          error={undo.error ? errorMessageOf(undo.error) : null}
        />
      </div>
    );
  }
  if (!proposed) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="payout-explanation" data-explanation="none">
        {payout.reconciliation?.state === "MATCHED"
          ? "Nothing to propose yet: set up payout reconciliation for this store to map each part to a category."
          : "An explanation is proposed once the payout is matched to one deposit."}
      </p>
    );
  }
  const blocker = explainBlocker(payout, canExplain);
  return (
    <div className="grid gap-3" data-testid="payout-explanation" data-explanation="proposed">
      <p className="text-sm">Meridian would explain the deposit with these parts:</p>
      <ExplanationTable lines={proposed} currency={payout.currency} categoryName={categoryName} caption="Explanations Meridian would post" />
      {explain.error && <Alert variant="error">{errorMessageOf(explain.error)}</Alert>}
      <div>
        <Button
          onClick={() => explain.mutate({ workspaceSlug: slug, payoutId: payout.id })}
          disabled={blocker !== null}
          loading={explain.isPending}
          aria-describedby={blocker ? "payout-explain-blocker" : undefined}
          data-testid="payout-explain"
        >
          Explain in FreeAgent
        </Button>
        {blocker && (
          <p id="payout-explain-blocker" className="mt-1 text-xs text-muted-foreground" data-testid="payout-explain-blocker">
            {blocker}
          </p>
        )}
      </div>
    </div>
  );
}

function ExplanationTable({ lines, currency, categoryName, caption }: { lines: Line[]; currency: string; categoryName: (externalId: string | null) => string | null; caption: string }) {
  const format = useFormat();
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Part</TableHead>
          <TableHead>Category</TableHead>
          <TableHead className="text-right">Amount</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {lines.map((line) => (
          <TableRow key={line.part} data-testid="payout-explanation-line">
            <TableCell>{partLabel(line.part)}</TableCell>
            <TableCell>{categoryName(line.categoryExternalId) ?? <span className="text-destructive">No category mapped</span>}</TableCell>
            <TableCell className="text-right tabular-nums">{format.money(line.grossValue, currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
