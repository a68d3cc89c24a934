import "server-only";
import { db } from "@/server/db";
import { isStringList } from "./stream-notes";

// The scopes a run's account granted, asked of the connector once, when the run begins, and kept
// with the run (its JobRun's details.grantedScopes): the batches that begin its later streams are
// Inngest steps that may run in other processes, so they read them back from the row, not from
// memory. Every run (a continuation too) begins by asking again: a grant can change between runs.

export async function saveRunGrantedScopes(jobRunId: string, scopes: readonly string[]): Promise<void> {
  await db.$executeRaw`
    UPDATE "JobRun" SET "details" = jsonb_set(coalesce("details", '{}'::jsonb), '{grantedScopes}', ${JSON.stringify(scopes)}::jsonb)
    WHERE "id" = ${jobRunId}`;
}

/** Undefined when the run saved none (it began before they were kept). */
export async function readRunGrantedScopes(jobRunId: string): Promise<string[] | undefined> {
  const [row] = await db.$queryRaw<{ scopes: unknown }[]>`SELECT "details"->'grantedScopes' AS scopes FROM "JobRun" WHERE "id" = ${jobRunId}`;
  return isStringList(row?.scopes) ? row.scopes : undefined;
}
