// Server errors reach error boundaries without their message in production, only a digest that
// matches the server logs; quoting it lets a user's report be traced.
export function errorDigestOf(error: unknown): string {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return digest
    ? `An unexpected error occurred. If it keeps happening, quote reference ${digest}.`
    : "An unexpected error occurred. Please try again.";
}
