import "server-only";
import type { ConnectorSync, SyncStream } from "@/server/connectors/_core/sync";
import type { IngestScope } from "@/server/ingest";
import { readSavedStream, saveStream } from "./stream-notes";

/**
 * The scope check of a stream a run begins, against the scopes the account granted (null: the
 * connector cannot tell, and every stream is read). A stream lacking a required scope is skipped
 * and the rest of the sync goes on; one lacking a recommended scope is read. Either way the
 * stream's warning says what is missing until a run finds nothing missing.
 */
export async function checkStreamScopes(scope: IngestScope, sync: ConnectorSync, stream: SyncStream, granted: ReadonlySet<string> | null, provider: string): Promise<"read" | "skip"> {
  if (granted === null) return "read";
  const missing = (scopes: readonly string[]) => scopes.filter((s) => !granted.has(s));
  const saved = await readSavedStream(scope, stream.name);
  const lacking = missing(stream.requiredScopes);
  if (lacking.length) {
    const warning = sync.describeMissingScopes?.(stream, lacking, granted) ?? notGranted(provider, stream, lacking);
    await saveStream(scope, stream.name, { ...saved, notes: { ...saved.notes, warning, missingScopes: lacking } });
    return "skip";
  }
  const partial = stream.recommendedScopes && missing(stream.recommendedScopes.scopes);
  const warning = partial?.length ? `${stream.recommendedScopes!.without}: ${provider} did not grant ${partial.join(", ")}.` : undefined;
  if (saved.notes.warning !== warning || saved.notes.missingScopes) {
    await saveStream(scope, stream.name, { ...saved, notes: { ...saved.notes, warning, missingScopes: undefined } });
  }
  return "read";
}

function notGranted(provider: string, stream: SyncStream, lacking: readonly string[]): string {
  const these = lacking.length > 1 ? "these scopes" : "this scope";
  return `Skipped: ${provider} did not grant ${lacking.join(", ")}. Connect it again with ${these} to sync ${stream.name}.`;
}
