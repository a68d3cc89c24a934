"use client";

import { createContext, use, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

type ToastVariant = "success" | "error" | "info";
/** A way to take the action back ("Undo"), offered in the toast itself. */
export type ToastAction = { label: string; onAction: () => void };
type Toast = { id: number; message: string; variant: ToastVariant; action?: ToastAction };
type ShowToast = (message: string, variant?: ToastVariant, action?: ToastAction) => void;

const ToastContext = createContext<ShowToast | null>(null);

const DISMISS_AFTER_MS = 5000;

export function useToast() {
  const show = use(ToastContext);
  if (!show) throw new Error("useToast must be used inside <ToastProvider>");
  return show;
}

// Short-lived confirmations ("Invitation sent"). The live region is always in the DOM so screen
// readers announce messages added to it.
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback<ShowToast>((message, variant = "success", action) => {
    const id = ++nextId.current;
    setToasts((all) => [...all.slice(-2), { id, message, variant, action }]);
  }, []);

  return (
    <ToastContext value={show}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:items-end"
      >
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  // A toast offering an action stays until it is used or dismissed: reaching it from the keyboard
  // or a screen reader takes longer than a timer would allow.
  const { action } = toast;
  useEffect(() => {
    if (action) return;
    const timer = setTimeout(() => onDismiss(toast.id), DISMISS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [toast.id, action, onDismiss]);

  return (
    <div
      role={toast.variant === "error" ? "alert" : "status"}
      data-testid="toast"
      className={cn(
        "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border bg-surface px-4 py-3 text-sm shadow-lg",
        toast.variant === "success" && "border-success/30",
        toast.variant === "error" && "border-destructive/30 text-destructive",
      )}
    >
      <span className="flex-1">{toast.message}</span>
      {action && (
        <button
          type="button"
          onClick={() => {
            onDismiss(toast.id);
            action.onAction();
          }}
          className="-my-0.5 min-h-6 rounded px-1 font-medium text-primary underline-offset-4 hover:underline"
          data-testid="toast-action"
        >
          {action.label}
        </button>
      )}
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        aria-label="Dismiss"
        className="-mr-1 rounded text-muted-foreground hover:text-foreground"
      >
        ×
      </button>
    </div>
  );
}
