import type { ComponentProps } from "react";
import { cn } from "./cn";

export const controlClass = cn(
  "h-9 w-full rounded-md border border-input bg-surface px-3 text-sm shadow-xs transition-colors",
  "placeholder:text-muted-foreground",
  "focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring",
  "disabled:cursor-not-allowed disabled:opacity-60",
  "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive",
);

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClass, className)} {...props} />;
}
