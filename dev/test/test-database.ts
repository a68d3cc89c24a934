// Shared between the Vitest global setup (main process) and the per-file setup (workers).
export type TestDatabaseInfo = {
  /** Any database on the test server, for administrative statements. */
  adminUrl: string;
  /** Migrated database every test file's database is cloned from. */
  template: string;
  /** Prefix of every database this run creates, so teardown can find them. */
  prefix: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

/** The same server and credentials as `adminUrl`, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
