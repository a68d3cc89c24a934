"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "./cn";

// Built on the native modal <dialog>: showModal() makes the rest of the page inert (focus stays
// inside), Esc fires `cancel`, and the browser returns focus to the opener on close. Mark the
// control that should receive focus on open with `data-autofocus`.
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  className,
  dismissible = true,
  ...props
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
  /** False while an action is in flight: Esc and backdrop clicks then do nothing. */
  dismissible?: boolean;
  "data-testid"?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React's autoFocus fires before the dialog is shown, so the preferred control is marked instead.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onCancel={(event) => {
        if (!dismissible) event.preventDefault();
      }}
      onClose={() => onOpenChange(false)}
      onClick={(event) => {
        // A click on the <dialog> box itself (not its content) is a click on the backdrop.
        if (dismissible && event.target === event.currentTarget) onOpenChange(false);
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border bg-surface p-0 text-foreground shadow-xl",
        // Black, not the foreground: in dark mode the foreground is light and would brighten the page.
        "backdrop:bg-black/50",
        className,
      )}
      {...props}
    >
      {open && (
        <div className="grid gap-4 p-6">
          <div className="grid gap-1.5">
            <h2 id={`${id}-title`} className="text-lg font-semibold">
              {title}
            </h2>
            {description && (
              <div id={`${id}-description`} className="text-sm text-muted-foreground">
                {description}
              </div>
            )}
          </div>
          {children}
          {footer && <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
