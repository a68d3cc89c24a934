/** When the browser names no language we can format in. */
const FALLBACK_LOCALE = "en-US";

// Longer headers are not a browser's: read no further than this many ranges.
const MAX_RANGES = 20;

/**
 * The locale a request's pages are formatted in: the Accept-Language range the browser prefers most
 * (highest q, then first) that names a locale Intl formats dates and numbers in, as its canonical
 * tag. Wildcards and malformed ranges are skipped; none left gives en-US.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
  if (!header) return FALLBACK_LOCALE;
  const ranges = header
    .split(",")
    .slice(0, MAX_RANGES)
    .map((range, index) => {
      const [tag = "", ...params] = range.trim().split(";");
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && r.tag !== "*" && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return FALLBACK_LOCALE;
}

function supported(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    const dates = Intl.DateTimeFormat.supportedLocalesOf(canonical);
    return dates.length > 0 && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0 ? canonical : null;
  } catch {
    // Not a well-formed language tag.
    return null;
  }
}
