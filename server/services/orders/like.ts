// Prisma's startsWith/contains become LIKE patterns without escaping, so a "%" or "_" typed into
// a search box would act as a wildcard. Backslash is PostgreSQL's default LIKE escape.
export function likeLiteral(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
