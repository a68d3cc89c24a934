import { rngFor } from "../_kit/random";
import type { BulkLine } from "./bulk-executor";

/** How far children stray from their parents: see ungrouped(). */
export type UngroupedSpread = {
  /** At most this many lines later than in grouped order. Default 300. */
  lines: number;
  /** This share of the child lines goes to the end of the file instead. Default 0.2. */
  toEnd: number;
};

/**
 * Shopify's ungrouped bulk output (groupObjects: false, the default since 2026-01): every child
 * line still comes after the line its __parentId points into, but nothing more is promised. From
 * the grouped order, deterministically for a seed: each child line is held back a random number
 * of lines past its parent, or sent to the end of the file, where those lines are mixed the same
 * way. So a reader meets children near their parent, mixed with other parents' lines, and far away.
 */
export function* ungrouped(lines: Iterable<BulkLine>, seed: string, spread: UngroupedSpread = { lines: 300, toEnd: 0.2 }): Generator<BulkLine> {
  const rng = rngFor(seed, "bulk-ungrouped", 0);
  const delay = () => rng.int(1, spread.lines);
  // Held-back lines by the position at which they go out, and when each goes out (by ref): a
  // line's children go out after it, wherever it went. The end of the file has positions of its own.
  const held = new Map<number, BulkLine[]>();
  const outAt = new Map<number, number>();
  const atEnd: { line: BulkLine; at: number }[] = [];
  const atEndAt = new Map<number, number>();
  let position = 0;
  for (const line of lines) {
    position++;
    if (line.root) yield line;
    else if (atEndAt.has(line.parentRef!) || rng.chance(spread.toEnd)) {
      const at = Math.max(atEnd.length, atEndAt.get(line.parentRef!) ?? 0) + delay();
      atEnd.push({ line, at });
      atEndAt.set(line.ref, at);
    } else {
      const at = Math.max(position, outAt.get(line.parentRef!) ?? 0) + delay();
      const waiting = held.get(at);
      if (waiting) waiting.push(line);
      else held.set(at, [line]);
      outAt.set(line.ref, at);
    }
    yield* release(position);
  }
  for (const at of [...held.keys()].sort((a, b) => a - b)) yield* release(at);
  // Stable: lines of one position keep the grouped order, so a parent before its children.
  for (const { line } of atEnd.sort((a, b) => a.at - b.at)) yield line;

  function* release(at: number): Generator<BulkLine> {
    for (const line of held.get(at) ?? []) {
      outAt.delete(line.ref);
      yield line;
    }
    held.delete(at);
  }
}
