import { cloneElement, type ReactElement, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { Label } from "./label";
import { RejectedFilters } from "./rejected-filters";
import { Select } from "./select";
import type { RejectedFilter } from "./url-filters";

// The row of filters above a list. It wraps instead of squeezing: each field keeps the width its
// control needs (a select's longest option, a date input's), so at no width do controls overlap or
// cut a value short. Fields keep their DOM order, so focus moves through them as they read.
// Values the URL held that the list could not use are listed below the fields, not dropped quietly.
export function FilterBar({
  label,
  clear,
  rejected = [],
  className,
  children,
}: {
  /** The search landmark's name: "Filter orders". */
  label: string;
  /** "Clear filters", disabled while nothing is filtered. */
  clear?: { onClear: () => void; disabled: boolean; testId: string };
  /** The URL's filter values the list ignored (from its urlFilterReader). */
  rejected?: readonly RejectedFilter[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="search" aria-label={label} className={cn("flex flex-wrap items-end gap-3", className)}>
      {children}
      {clear && (
        <Button variant="ghost" size="md" className="ml-auto" disabled={clear.disabled} onClick={clear.onClear} data-testid={clear.testId}>
          Clear filters
        </Button>
      )}
      {rejected.length > 0 && <RejectedFilters rejected={rejected} />}
    </div>
  );
}

type ControlProps = { "aria-invalid"?: boolean; "aria-describedby"?: string };

/**
 * One labelled control of a FilterBar, as wide as its control needs. On phones fields grow to fill
 * their row; a `wide` field (a search box) starts at 16rem and takes the room its row has left.
 * An `error` is shown under the control, which is marked invalid and described by it.
 */
export function FilterField({
  label,
  htmlFor,
  wide = false,
  error,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  wide?: boolean;
  error?: string;
  className?: string;
  children: ReactElement<ControlProps>;
}) {
  const errorId = `${htmlFor}-error`;
  return (
    <div className={cn("grid min-w-0 gap-1.5", wide ? "flex-[1_1_16rem]" : "flex-initial max-sm:grow", className)}>
      <Label htmlFor={htmlFor}>{label}</Label>
      {error ? cloneElement(children, { "aria-invalid": true, "aria-describedby": errorId }) : children}
      {error && (
        <p id={errorId} className="max-w-56 text-xs font-medium text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

export type FilterOption = { value: string; label: string };

/**
 * A labelled select of a FilterBar. "" is "no filter" (shown as `placeholder`) and is reported as
 * undefined. A chosen value the options do not list (a shared link naming a store that has not
 * loaded, or is gone) is still shown, as `unlistedLabel`, rather than silently reading "Any".
 * The id doubles as the test id.
 */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  placeholder,
  unlistedLabel,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: readonly FilterOption[];
  placeholder?: string;
  unlistedLabel?: string;
}) {
  const unlisted = value && !options.some((option) => option.value === value) ? { value, label: unlistedLabel ?? value } : undefined;
  return (
    <FilterField label={label} htmlFor={id}>
      <Select id={id} data-testid={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {[...options, ...(unlisted ? [unlisted] : [])].map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </FilterField>
  );
}
