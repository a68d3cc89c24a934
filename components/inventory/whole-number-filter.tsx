"use client";

import { useState } from "react";
import type { ZodType } from "zod";
import { FilterField } from "@/components/ui/filter-bar";
import { Input } from "@/components/ui/input";

// A whole-number filter (a low-stock or discrepancy threshold): empty means no value. Applied on
// Enter or when the field loses focus, and checked with the same schema the server uses. The id
// doubles as the test id.
export function WholeNumberFilter({
  id,
  label,
  schema,
  placeholder,
  value,
  onChange,
}: {
  id: string;
  label: string;
  schema: ZodType<number | undefined>;
  placeholder: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}) {
  const [draft, setDraft] = useState(value === undefined ? "" : String(value));
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value === undefined ? "" : String(value));
    setError(null);
  }

  const apply = () => {
    const text = draft.trim();
    if (text === "") {
      setError(null);
      if (value !== undefined) onChange(undefined);
      return;
    }
    const parsed = schema.safeParse(Number(text));
    if (!parsed.success || parsed.data === undefined) {
      setError(parsed.success ? "Enter a whole number." : (parsed.error.issues[0]?.message ?? "Enter a whole number."));
      return;
    }
    setError(null);
    if (parsed.data !== value) onChange(parsed.data);
  };

  return (
    <FilterField label={label} htmlFor={id} error={error ?? undefined}>
      <Input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        placeholder={placeholder}
        value={draft}
        data-testid={id}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          }
        }}
      />
    </FilterField>
  );
}
