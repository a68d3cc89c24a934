// Links in a rendered email, in document order and without duplicates: the dev console and the
// /dev/outbox page show them so a developer (or an e2e test) can follow a magic link.
export function extractLinks(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = decodeHtmlEntities(match[1] ?? match[2] ?? "");
    if (/^https?:\/\//i.test(href)) links.add(href);
  }
  return [...links];
}

function decodeHtmlEntities(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&#x3D;|&#61;/gi, "=")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/gi, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}
