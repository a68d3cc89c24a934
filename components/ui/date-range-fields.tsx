import { Input } from "./input";
import { Label } from "./label";

export type DateRange = { from?: string; to?: string };

/**
 * "From" and "To" date inputs for a filter bar: each bounds the other, and clearing one gives
 * `undefined`. Ids and test ids are `${idPrefix}-from` / `${idPrefix}-to`.
 */
export function DateRangeFields({ idPrefix, value, onChange }: { idPrefix: string; value: DateRange; onChange: (patch: DateRange) => void }) {
  return (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-from`}>From</Label>
        <Input
          id={`${idPrefix}-from`}
          type="date"
          data-testid={`${idPrefix}-from`}
          value={value.from ?? ""}
          max={value.to}
          onChange={(e) => onChange({ from: e.target.value || undefined })}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${idPrefix}-to`}>To</Label>
        <Input
          id={`${idPrefix}-to`}
          type="date"
          data-testid={`${idPrefix}-to`}
          value={value.to ?? ""}
          min={value.from}
          onChange={(e) => onChange({ to: e.target.value || undefined })}
        />
      </div>
    </>
  );
}
