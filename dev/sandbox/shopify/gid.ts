/** Shopify's global ids (`gid://shopify/Order/123`) and ISO-8601 timestamps as the API prints them. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: string): { type: string; id: number; query: URLSearchParams } | null {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)(?:\?(.*))?$/.exec(value);
  if (!match) return null;
  return { type: match[1]!, id: Number(match[2]), query: new URLSearchParams(match[3] ?? "") };
}

/** `2026-03-02T10:11:12Z`: Shopify prints seconds, no milliseconds. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
