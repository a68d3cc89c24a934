import type { ComponentProps, ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

const VARIANTS = {
  info: "border-border bg-muted/60 text-foreground",
  success: "border-success/30 bg-success-soft text-success",
  warning: "border-warning/30 bg-warning-soft text-warning",
  error: "border-destructive/30 bg-destructive-soft text-destructive",
} as const;

export type AlertVariant = keyof typeof VARIANTS;

// Errors interrupt (role=alert); everything else is announced politely (role=status).
export function Alert({
  variant = "info",
  title,
  className,
  children,
  ...props
}: Omit<ComponentProps<"div">, "title"> & { variant?: AlertVariant; title?: ReactNode }) {
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={cn("rounded-lg border px-4 py-3 text-sm", VARIANTS[variant], className)}
      {...props}
    >
      {title && <p className="font-medium">{title}</p>}
      {children && <div className={cn(title && "mt-1")}>{children}</div>}
    </div>
  );
}

export function ErrorState({
  title = "Something went wrong",
  message,
  onRetry,
  className,
}: {
  title?: string;
  message?: string;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <div role="alert" className={cn("flex flex-col items-center gap-2 px-6 py-12 text-center", className)}>
      <p className="text-sm font-medium text-destructive">{title}</p>
      {message && <p className="max-w-md text-sm text-muted-foreground">{message}</p>}
      {onRetry && (
        <Button variant="outline" size="sm" onClick={onRetry} className="mt-2">
          Try again
        </Button>
      )}
    </div>
  );
}
