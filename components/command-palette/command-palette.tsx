"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { pageGroups, recordGroups, type PaletteOption } from "./palette-options";
import { useDebouncedValue } from "./use-debounced-value";

const SEARCH_DELAY_MS = 200;

// The ⌘K / Ctrl-K palette: a modal <dialog> (the page behind is inert, Esc closes, focus returns
// to where it was) holding a combobox over a grouped listbox (WAI-ARIA combobox pattern: focus stays
// in the text field, the arrows move the active option, Enter opens it).
export function CommandPalette({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The text field is rendered with the dialog, before it was shown: focus it now.
      dialog.querySelector("input")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-label="Command palette"
      data-testid="command-palette"
      onClose={() => onOpenChange(false)}
      onClick={(event) => {
        if (event.target === event.currentTarget) onOpenChange(false);
      }}
      className="mx-auto mt-[12vh] w-[calc(100%-2rem)] max-w-xl rounded-xl border bg-surface p-0 text-foreground shadow-xl backdrop:bg-black/50"
    >
      {/* Mounted only while open, so each opening starts from an empty query. */}
      {open && <PaletteBody onDone={() => onOpenChange(false)} />}
    </dialog>
  );
}

function PaletteBody({ onDone }: { onDone: () => void }) {
  const { slug, permissions } = useWorkspace();
  const router = useRouter();
  const trpc = useTRPC();
  const id = useId();
  const [query, setQuery] = useState("");
  const [activeId, setActiveId] = useState<string | null>(null);
  // Enter pressed before the typed query's results came: once they do, open the first option (as
  // the list then shows it), so typing a number and Enter at once still opens that order.
  const openWhenReady = useRef(false);

  const term = query.trim();
  const settled = useDebouncedValue(term, SEARCH_DELAY_MS);
  const search = useQuery({ ...trpc.search.palette.queryOptions({ workspaceSlug: slug, query: settled }), enabled: settled.length > 0 && settled.length <= 100 });
  const searching = term.length > 0 && (term !== settled || search.isFetching);

  const groups = [...pageGroups(slug, permissions, term), ...(term && settled === term ? recordGroups(slug, search.data) : [])];
  const options = groups.flatMap((group) => group.options);
  const active = options.find((option) => option.id === activeId) ?? options[0];
  const optionId = (option: PaletteOption) => `${id}-${option.id}`;

  const go = (option: PaletteOption | undefined) => {
    if (!option) return;
    onDone();
    router.push(option.href);
  };

  const openFirstOption = useEffectEvent(() => go(options[0]));
  useEffect(() => {
    if (!openWhenReady.current || searching) return;
    openWhenReady.current = false;
    openFirstOption();
  }, [searching]);

  useEffect(() => {
    if (active) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const index = active ? options.indexOf(active) : -1;
    const moveTo = (i: number) => setActiveId(options[(i + options.length) % options.length]?.id ?? null);
    if (event.key === "ArrowDown") moveTo(index + 1);
    else if (event.key === "ArrowUp") moveTo(index - 1);
    else if (event.key === "Home" && event.ctrlKey) moveTo(0);
    else if (event.key === "End" && event.ctrlKey) moveTo(options.length - 1);
    else if (event.key === "Enter") {
      if (searching && !activeId) openWhenReady.current = true;
      else go(active);
    } else if (event.key === "Escape") {
      // Closed here rather than by the dialog's own Esc: its close event comes a task later, and
      // until then focus stays in this (hidden) field when the palette was opened from the page's
      // body, so a shortcut typed straight after Esc went to the field and was lost.
      onDone();
    } else return;
    event.preventDefault();
  };

  const status = searching
    ? "Searching…"
    : search.isError && term
      ? "Search failed. Pages are still listed."
      : options.length === 0
        ? term
          ? `Nothing matches “${term}”.`
          : "Nothing to show."
        : `${options.length} ${options.length === 1 ? "result" : "results"}`;

  return (
    <div className="grid">
      <div className="flex items-center gap-2 border-b px-4">
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-muted-foreground">
          <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.58 3.58a.75.75 0 1 1-1.06 1.06l-3.58-3.58A7 7 0 0 1 2 9Z" clipRule="evenodd" />
        </svg>
        <input
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-listbox`}
          aria-activedescendant={active ? optionId(active) : undefined}
          aria-autocomplete="list"
          aria-label="Go to a page, an order, a customer, a product or a connection"
          aria-describedby={`${id}-status`}
          placeholder="Go to… (order number, customer, SKU, page)"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveId(null);
          }}
          onKeyDown={onKeyDown}
          data-testid="command-palette-input"
          className="h-12 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-muted-foreground"
        />
        {searching && <Spinner className="size-4 text-muted-foreground" />}
      </div>

      <div id={`${id}-listbox`} role="listbox" aria-label="Results" className="max-h-[min(24rem,60vh)] overflow-y-auto p-2 empty:hidden">
        {groups.map((group) => (
          <div key={group.label} role="group" aria-labelledby={`${id}-group-${group.label}`} className="grid gap-0.5 py-1">
            <div id={`${id}-group-${group.label}`} role="presentation" className="px-2.5 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {group.label}
            </div>
            {group.options.map((option) => (
              <div
                key={option.id}
                id={optionId(option)}
                role="option"
                aria-selected={option === active}
                data-testid="command-palette-option"
                onMouseMove={() => setActiveId(option.id)}
                // Keep focus in the text field: the click itself opens the option.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => go(option)}
                className={cn("flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-2.5 py-2 text-sm", option === active && "bg-accent text-accent-foreground")}
              >
                <span className="truncate">{option.label}</span>
                {option.detail && <span className={cn("truncate text-xs", option === active ? "text-accent-foreground" : "text-muted-foreground")}>{option.detail}</span>}
              </div>
            ))}
          </div>
        ))}
      </div>

      <div className="flex items-center justify-between gap-3 border-t px-4 py-2 text-xs text-muted-foreground">
        <p id={`${id}-status`} role="status" data-testid="command-palette-status">
          {status}
        </p>
        <p aria-hidden className="hidden sm:block">
          ↑↓ to move · Enter to open · Esc to close
        </p>
      </div>
    </div>
  );
}
