import type { IngestScope } from "@/server/ingest";

/** A delivery's connection, with the provider and account it names in audit rows and mail. */
export type AccountScope = IngestScope & { provider: string; account: string };
