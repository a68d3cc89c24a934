"use client";

import { useEffect, useEffectEvent, useRef } from "react";
import { FilterField } from "./filter-bar";
import { Input } from "./input";

export type DateRange = { from?: string; to?: string };

/**
 * "From" and "To" date inputs for a FilterBar, side by side so the bar wraps them as one, and
 * equally wide (Chromium narrows a date input that has a `max`). Each bounds the other, and
 * clearing one gives `undefined`. Ids and test ids are `${idPrefix}-from` / `${idPrefix}-to`.
 * A day picked before hydration (a slow connection) is handed to `onChange` once hydrated.
 */
export function DateRangeFields({
  idPrefix,
  value,
  errors,
  onChange,
}: {
  idPrefix: string;
  value: DateRange;
  /** Messages to show under "From" / "To" (a range the list's schema refuses). */
  errors?: { [K in keyof DateRange]?: string };
  onChange: (patch: DateRange) => void;
}) {
  const fromInput = useRef<HTMLInputElement>(null);
  const toInput = useRef<HTMLInputElement>(null);
  // Hydration keeps what the user picked before the scripts ran on screen but fires no onChange,
  // and React then sees no change when the same day is picked again: the value would show yet
  // never reach the form.
  const takePickedBeforeHydration = useEffectEvent(() => {
    const patch: DateRange = {};
    const from = fromInput.current?.value ?? "";
    const to = toInput.current?.value ?? "";
    if (from !== (value.from ?? "")) patch.from = from || undefined;
    if (to !== (value.to ?? "")) patch.to = to || undefined;
    if ("from" in patch || "to" in patch) onChange(patch);
  });
  useEffect(() => takePickedBeforeHydration(), []);

  return (
    <div className="flex min-w-0 flex-initial gap-3 max-sm:grow *:grow">
      <FilterField label="From" htmlFor={`${idPrefix}-from`} error={errors?.from}>
        <Input
          ref={fromInput}
          id={`${idPrefix}-from`}
          type="date"
          className="min-w-40"
          data-testid={`${idPrefix}-from`}
          value={value.from ?? ""}
          max={value.to}
          onChange={(e) => onChange({ from: e.target.value || undefined })}
        />
      </FilterField>
      <FilterField label="To" htmlFor={`${idPrefix}-to`} error={errors?.to}>
        <Input
          ref={toInput}
          id={`${idPrefix}-to`}
          type="date"
          className="min-w-40"
          data-testid={`${idPrefix}-to`}
          value={value.to ?? ""}
          min={value.from}
          onChange={(e) => onChange({ to: e.target.value || undefined })}
        />
      </FilterField>
    </div>
  );
}
