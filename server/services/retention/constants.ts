// Inngest function ids of retention; ids are never renamed once shipped.
export const RETENTION_RUN_FUNCTION_ID = "retention-run";
export const RETENTION_DAILY_FUNCTION_ID = "retention-daily";
