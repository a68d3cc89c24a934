// A provider's request allowance counted in fixed windows (FreeAgent: 120 requests per 60 s and
// 3,600 per 3,600 s per authorised user, resetting on the minute and the hour). The count lives
// in shared storage, not in a process: a sync's steps may each run in a fresh serverless
// instance, and the web app's actions (posting an explanation) draw from the same allowance.
// The implementation is the services' (server/services/connections/request-windows.ts); a
// connector receives it in its ConnectionContext and never sees the storage.

/** One fixed window: `limit` requests per `seconds`, windows starting at multiples of `seconds` since the epoch (UTC). */
export type RequestWindowLimit = { seconds: number; limit: number };

/** Granted: counted in every window. Refused: nothing counted, and the earliest time every window has room again. */
export type AllowanceTake = { granted: true } | { granted: false; retryAt: number };

export type WindowUsage = RequestWindowLimit & { used: number; resetsAt: number };

export interface RequestAllowance {
  /** Counts one request under `key` in every window if each has room, atomically. */
  take(key: string, windows: readonly RequestWindowLimit[]): Promise<AllowanceTake>;
  /**
   * The provider refused a request over its limit (a 429): another client of the same user spent
   * the window. Marks that window full until it resets, so no process asks again before then.
   */
  exhaust(key: string, window: RequestWindowLimit): Promise<void>;
  /** How full each window is now (the Connections card's "requests this hour"). */
  usage(key: string, windows: readonly RequestWindowLimit[]): Promise<WindowUsage[]>;
}

/**
 * A connector's declaration of its provider's request windows (Connector.requestWindows): the
 * connector takes from `ctx.allowance` under `key(...)` before each request, and the Connections
 * card shows how full each window of a connection's key is ("Requests this hour: 1,234 of 3,600").
 * Members are methods so each connector's own Config satisfies the registry (see auth.ts).
 */
export type ConnectorRequestWindows<Config = unknown> = {
  /** The windows on this server (a benchmark's compressed clock shortens them). */
  windows(config: Config): readonly RequestWindowLimit[];
  /**
   * The allowance a connection draws from (FreeAgent: its authorising user's), from what its
   * connect stored; null when it is not known. Unique across providers: begin it with the provider.
   */
  key(connection: { externalAccountId: string; settings: Readonly<Record<string, unknown>> }): string | null;
};
