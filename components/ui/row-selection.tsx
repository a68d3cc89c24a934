"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { TableCell, TableHead } from "./table";

/**
 * Rows ticked in a table, by id, kept while paging (remount the list on new filters to start
 * afresh). `page` is the ids shown now, for "select this page".
 */
export function useRowSelection(page: readonly string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const onPage = page.filter((id) => selected.has(id)).length;
  return {
    selected,
    ids: [...selected],
    has: (id: string) => selected.has(id),
    toggle: (id: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    /** Every row of the page is ticked (true), some (null: the box shows "mixed"), or none. */
    pageState: onPage === 0 ? false : onPage === page.length ? true : null,
    togglePage: () =>
      setSelected((current) => {
        const next = new Set(current);
        const all = page.every((id) => next.has(id));
        for (const id of page) {
          if (all) next.delete(id);
          else next.add(id);
        }
        return next;
      }),
    clear: () => setSelected(new Set()),
    /** Exactly these rows ticked (e.g. the ones a bulk action could not act on). */
    select: (ids: readonly string[]) => setSelected(new Set(ids)),
  };
}

export type RowSelection = ReturnType<typeof useRowSelection>;

// A native checkbox (Space toggles it, Tab reaches it) in a label that makes the whole cell corner
// a 24 px target.
function Checkbox({ checked, label, onChange, testId }: { checked: boolean | null; label: string; onChange: () => void; testId: string }) {
  return (
    <label className="inline-flex size-6 cursor-pointer items-center justify-center">
      <input
        type="checkbox"
        className="size-4 cursor-pointer accent-primary"
        aria-label={label}
        checked={checked === true}
        ref={(box) => {
          if (box) box.indeterminate = checked === null;
        }}
        onChange={onChange}
        data-testid={testId}
      />
    </label>
  );
}

/** The header cell that ticks or clears every row of the page. */
export function SelectPageHead({ selection, what }: { selection: RowSelection; what: string }) {
  return (
    <TableHead className="w-10 pr-0">
      <Checkbox checked={selection.pageState} label={`Select every ${what} on this page`} onChange={selection.togglePage} testId="select-page" />
    </TableHead>
  );
}

/** A row's own box, named by the row (e.g. its order number). */
export function SelectRowCell({ selection, id, name }: { selection: RowSelection; id: string; name: string }) {
  return (
    <TableCell className="w-10 pr-0">
      <Checkbox checked={selection.has(id)} label={`Select ${name}`} onChange={() => selection.toggle(id)} testId="select-row" />
    </TableCell>
  );
}

/** "3 selected", what can be done with them, and Clear; nothing while none is selected. */
export function SelectionBar({ selection, children }: { selection: RowSelection; children: ReactNode }) {
  if (selection.selected.size === 0) return null;
  return (
    <div role="region" aria-label="Selected rows" className="flex flex-wrap items-center gap-3 border-b bg-muted/40 px-4 py-2 text-sm" data-testid="selection-bar">
      <span aria-live="polite">{selection.selected.size.toLocaleString()} selected</span>
      {children}
      <Button variant="ghost" size="sm" onClick={selection.clear}>
        Clear selection
      </Button>
    </div>
  );
}
