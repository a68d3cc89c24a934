// U+0000 is legal in JSON, in URLs (%00) and in JavaScript strings, but PostgreSQL text cannot
// hold it: a NUL that reaches a query fails the whole statement, and the caller would get a 500.
// No field of Meridian's has a use for one, so every string from outside is checked at the edge
// with these helpers (the tRPC base procedure, route handlers' query parameters) and refused
// with a 400 that names the field.

export const NUL_MESSAGE = "Must not contain a NUL character (U+0000).";

export function containsNul(value: string): boolean {
  return value.includes("\u0000");
}

export type InputPath = Array<string | number>;

// A position in the input: its key and its parent's position (the root has neither). Paths are
// only spelled out for a hit, so a walk costs one step per value however deep the nesting.
type Position = { key: string | number; parent: Position } | null;

function pathOf(position: Position): InputPath {
  const path: InputPath = [];
  for (let at = position; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The path of the first string, or object key, holding a NUL anywhere inside `value` (parsed
 * JSON or superjson), or null when there is none. Iterative, and each object is visited once,
 * so neither deep nesting nor superjson's shared references can exhaust the stack.
 */
export function findNul(value: unknown): InputPath | null {
  const pending: Array<{ value: unknown; at: Position }> = [{ value, at: null }];
  const seen = new WeakSet<object>();
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value: current, at } = item;
    if (typeof current === "string") {
      if (containsNul(current)) return pathOf(at);
      continue;
    }
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const entries: Array<readonly [string | number, unknown]> = Array.isArray(current)
      ? current.map((child, index) => [index, child] as const)
      : Object.entries(current);
    const nulKey = entries.find(([key]) => typeof key === "string" && containsNul(key));
    if (nulKey) return pathOf({ key: nulKey[0], parent: at });
    // Pushed in reverse so the first field is reported first.
    for (let i = entries.length - 1; i >= 0; i--) pending.push({ value: entries[i]![1], at: { key: entries[i]![0], parent: at } });
  }
  return null;
}

/** The name of the first query parameter whose name or value holds a NUL, or null. */
export function nulQueryParameter(params: URLSearchParams): string | null {
  for (const [name, value] of params) {
    if (containsNul(name) || containsNul(value)) return name;
  }
  return null;
}

/** A 400 naming the offending query parameter, or null when none holds a NUL. */
export function refuseNulQueryParameters(params: URLSearchParams): Response | null {
  const field = nulQueryParameter(params);
  if (field === null) return null;
  return Response.json(
    { error: "invalid_parameter", field, message: `${field}: ${NUL_MESSAGE}` },
    { status: 400, headers: { "cache-control": "no-store" } },
  );
}
