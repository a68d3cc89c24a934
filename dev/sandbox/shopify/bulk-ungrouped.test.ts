import { describe, expect, it } from "vitest";
import type { BulkLine } from "./bulk-executor";
import { ungrouped } from "./bulk-ungrouped";

/** Grouped order: 200 parents, each with 3 children, each child with 2 of its own (a nested connection). */
function grouped(): BulkLine[] {
  const lines: BulkLine[] = [];
  const add = (parentRef?: number) => {
    const ref = lines.length + 1;
    lines.push({ line: `line ${ref}`, root: parentRef === undefined, ref, parentRef });
    return ref;
  };
  for (let p = 0; p < 200; p++) {
    const parent = add();
    for (let c = 0; c < 3; c++) {
      const child = add(parent);
      add(child);
      add(child);
    }
  }
  return lines;
}

describe("the sandbox's ungrouped bulk output", () => {
  it("puts every line after the line it belongs to, however deep, and no child right after its parent as a rule", () => {
    const out = [...ungrouped(grouped(), "shop:1")];
    expect(out.map((l) => l.ref).sort((a, b) => a - b)).toEqual(grouped().map((l) => l.ref));
    const position = new Map(out.map((l, i) => [l.ref, i]));
    for (const line of out) if (line.parentRef !== undefined) expect(position.get(line.ref)!).toBeGreaterThan(position.get(line.parentRef)!);
    const rightAfter = out.filter((l, i) => i > 0 && l.parentRef === out[i - 1]!.ref).length;
    expect(rightAfter).toBeLessThan(out.length / 10);
    // Parents keep their order.
    expect(out.filter((l) => l.root).map((l) => l.ref)).toEqual(grouped().filter((l) => l.root).map((l) => l.ref));
  });

  it("is the same order for the same seed, another for another seed", () => {
    const order = (seed: string) => [...ungrouped(grouped(), seed)].map((l) => l.ref);
    expect(order("shop:1")).toEqual(order("shop:1"));
    expect(order("shop:2")).not.toEqual(order("shop:1"));
  });
});
