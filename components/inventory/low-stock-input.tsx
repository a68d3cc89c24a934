"use client";

import { useState } from "react";
import { FilterField } from "@/components/ui/filter-bar";
import { Input } from "@/components/ui/input";
import { findInventoryLevelsInput } from "@/server/services/inventory/schema";

const threshold = findInventoryLevelsInput.shape.lowStockAt;

// The low-stock threshold: empty shows all stock. Applied on Enter or when the field loses focus,
// and checked with the same schema the server uses.
export function LowStockInput({ value, onChange }: { value: number | undefined; onChange: (value: number | undefined) => void }) {
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
    const parsed = threshold.safeParse(Number(text));
    if (!parsed.success || parsed.data === undefined) {
      setError(parsed.success ? "Enter a whole number." : (parsed.error.issues[0]?.message ?? "Enter a whole number."));
      return;
    }
    setError(null);
    if (parsed.data !== value) onChange(parsed.data);
  };

  return (
    <FilterField label="Low stock: available at most" htmlFor="inventory-low-stock">
      <Input
        id="inventory-low-stock"
        type="number"
        inputMode="numeric"
        step={1}
        placeholder="Any"
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "inventory-low-stock-error" : undefined}
        data-testid="inventory-low-stock"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          }
        }}
      />
      {error && (
        <p id="inventory-low-stock-error" className="text-xs text-destructive">
          {error}
        </p>
      )}
    </FilterField>
  );
}
