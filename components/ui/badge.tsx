import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Each variant's text and background colour tokens (app/globals.css); badge-contrast.test.ts checks each pair. */
export const BADGE_COLOURS = {
  neutral: { text: "foreground", background: "muted" },
  primary: { text: "accent-foreground", background: "accent" },
  success: { text: "success", background: "success-soft" },
  warning: { text: "warning", background: "warning-soft" },
  destructive: { text: "destructive", background: "destructive-soft" },
  outline: { text: "muted-foreground", background: "surface" },
} as const;

const VARIANTS = {
  neutral: "bg-muted text-foreground",
  primary: "bg-accent text-accent-foreground",
  success: "bg-success-soft text-success",
  warning: "bg-warning-soft text-warning",
  destructive: "bg-destructive-soft text-destructive",
  outline: "border border-border text-muted-foreground",
} as const satisfies Record<keyof typeof BADGE_COLOURS, string>;

export type BadgeVariant = keyof typeof VARIANTS;

export function Badge({ variant = "neutral", className, ...props }: ComponentProps<"span"> & { variant?: BadgeVariant }) {
  return (
    <span
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", VARIANTS[variant], className)}
      {...props}
    />
  );
}
