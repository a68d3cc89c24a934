// "job-alert" → "Job alert": a readable fallback for kinds without a registered label.
export function jobKindLabel(kind: string): string {
  const words = kind.replace(/[-_.]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : kind;
}
