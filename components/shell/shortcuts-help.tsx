"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

const SHORTCUTS: [keys: string[], what: string][] = [
  [["Ctrl", "K"], "Open the command palette (⌘K on a Mac)"],
  [["/"], "Search this page's list"],
  [["j"], "Next record, on an order, customer, product or job run"],
  [["k"], "Previous record"],
  [["?"], "Show these shortcuts"],
];

// What `?` opens: every keyboard shortcut of the workspace.
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="Single keys work when you are not typing in a field."
      data-testid="shortcuts-help"
      footer={
        <Button variant="outline" onClick={() => onOpenChange(false)} data-autofocus>
          Close
        </Button>
      }
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="contents">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd key={key} className="rounded border bg-muted px-1.5 font-mono text-xs leading-5">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-muted-foreground">{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
