"use client";

import Link from "next/link";
import {
  createContext,
  use,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { cn } from "./cn";

// A menu button following the WAI-ARIA menu pattern: Enter/Space/ArrowDown open on the first
// item, ArrowUp on the last; arrows, Home and End move; Esc closes and returns focus to the
// trigger; Tab and outside clicks close.

const MenuContext = createContext<{ close: (refocus?: boolean) => void } | null>(null);

function useMenu() {
  const ctx = use(MenuContext);
  if (!ctx) throw new Error("Dropdown menu items must be rendered inside <DropdownMenu>");
  return ctx;
}

const ITEM_SELECTOR = ':is([role="menuitem"], [role="menuitemradio"]):not([aria-disabled="true"])';

export function DropdownMenu({
  trigger,
  triggerLabel,
  triggerClassName,
  align = "start",
  side = "bottom",
  className,
  children,
  "data-testid": testId,
}: {
  trigger: ReactNode;
  /** Accessible name when the trigger content is not descriptive text. */
  triggerLabel?: string;
  triggerClassName?: string;
  align?: "start" | "end";
  side?: "bottom" | "top";
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
}) {
  const [open, setOpen] = useState(false);
  const [initialFocus, setInitialFocus] = useState<"first" | "last">("first");
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const list = items();
    (initialFocus === "first" ? list[0] : list.at(-1))?.focus();

    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, initialFocus]);

  const openWith = (focus: "first" | "last") => {
    setInitialFocus(focus);
    setOpen(true);
  };

  const onTriggerKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openWith("first");
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openWith("last");
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusAt(index + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusAt(index - 1);
        break;
      case "Home":
        event.preventDefault();
        focusAt(0);
        break;
      case "End":
        event.preventDefault();
        focusAt(list.length - 1);
        break;
      case "Escape":
        event.preventDefault();
        close();
        break;
      case "Tab":
        close(false);
        break;
    }
  };

  return (
    <div ref={rootRef} className={cn("relative", className)}>
      <button
        ref={triggerRef}
        type="button"
        id={`${id}-trigger`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={triggerLabel}
        data-testid={testId}
        onClick={() => (open ? setOpen(false) : openWith("first"))}
        onKeyDown={onTriggerKeyDown}
        className={cn(
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
          triggerClassName,
        )}
      >
        {trigger}
      </button>
      {open && (
        <MenuContext value={{ close }}>
          <div
            ref={menuRef}
            id={`${id}-menu`}
            role="menu"
            aria-labelledby={`${id}-trigger`}
            onKeyDown={onMenuKeyDown}
            className={cn(
              "absolute z-50 min-w-56 rounded-lg border bg-surface p-1 shadow-lg",
              align === "start" ? "left-0" : "right-0",
              side === "bottom" ? "top-full mt-1" : "bottom-full mb-1",
            )}
          >
            {children}
          </div>
        </MenuContext>
      )}
    </div>
  );
}

const itemClass = cn(
  "flex w-full cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm outline-none",
  "hover:bg-muted focus:bg-muted aria-disabled:cursor-default aria-disabled:opacity-50",
);

export function DropdownMenuItem({
  onSelect,
  className,
  disabled,
  type = "button",
  ...props
}: Omit<ComponentProps<"button">, "onClick" | "role"> & { onSelect?: () => void }) {
  const { close } = useMenu();
  return (
    <button
      role="menuitem"
      tabIndex={-1}
      type={type}
      aria-disabled={disabled || undefined}
      className={cn(itemClass, className)}
      onClick={(event) => {
        if (disabled) return event.preventDefault();
        onSelect?.();
        // Submit buttons keep the menu mounted until the browser has started the submission.
        if (type !== "submit") close();
      }}
      {...props}
    />
  );
}

/** One of a group of choices (role menuitemradio), checked when it is the current one. */
export function DropdownMenuRadioItem({ checked, onSelect, className, children }: { checked: boolean; onSelect: () => void; className?: string; children: ReactNode }) {
  const { close } = useMenu();
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      tabIndex={-1}
      className={cn(itemClass, className)}
      onClick={() => {
        onSelect();
        close();
      }}
    >
      <span aria-hidden className="w-4 text-center">
        {checked ? "✓" : ""}
      </span>
      {children}
    </button>
  );
}

export function DropdownMenuLink({ className, onClick, ...props }: ComponentProps<typeof Link>) {
  const { close } = useMenu();
  return (
    <Link
      role="menuitem"
      tabIndex={-1}
      className={cn(itemClass, className)}
      onClick={(event) => {
        onClick?.(event);
        close(false);
      }}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<"div">) {
  return <div role="presentation" className={cn("px-2.5 py-1.5 text-xs text-muted-foreground", className)} {...props} />;
}

export function DropdownMenuSeparator({ className }: { className?: string }) {
  return <div role="separator" className={cn("-mx-1 my-1 h-px bg-border", className)} />;
}
