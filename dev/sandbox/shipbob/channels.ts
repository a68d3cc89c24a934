// Which channels a token sees in GET /2026-01/channel. ShipBob (developer.shipbob.com/auth and
// /api-reference/1.0/channels/get-channels) keeps every personal access token of an account on
// one channel of its single-merchant application ("SMA"), while "a channel is a specific
// installation of an application": each OAuth app installed on the account has its own. Either
// token also sees the account's "ShipBob Default" channel and its store channels, read-only.
import { PAT_CHANNEL, SHIPBOB_DEFAULT_CHANNEL, STORE_CHANNEL, type ChannelRecord } from "./generate";

/** Who a token acts for: the account's personal access tokens, or one OAuth app's installation. */
export type ChannelCaller = { kind: "pat" } | { kind: "oauth"; clientId: string };

const SHARED = [SHIPBOB_DEFAULT_CHANNEL, STORE_CHANNEL];
const FIRST_INSTALLATION_ID = PAT_CHANNEL.id + 1;
const API_SCOPE = /_(read|write)$/;

export class AccountChannels {
  /** Installation channels by OAuth client id. */
  private readonly installations = new Map<string, ChannelRecord>();
  /** Bumped on every change: the state file writes only then. */
  revision = 0;

  constructor(private readonly appName: (clientId: string) => string) {}

  /**
   * The channel of `clientId`'s installation: made on its first grant, the same id on every later
   * one (a refresh keeps its grant), scoped to the API scopes granted last (`offline_access` is none).
   */
  install(clientId: string, granted: readonly string[]): ChannelRecord {
    const scopes = granted.filter((s) => API_SCOPE.test(s));
    const existing = this.installations.get(clientId);
    const id = existing?.id ?? FIRST_INSTALLATION_ID + this.installations.size;
    const name = this.appName(clientId);
    const channel = { id, name, application_name: name, scopes };
    this.installations.set(clientId, channel);
    this.revision++;
    return channel;
  }

  /** What GET channel lists for `caller`, in id order (an OAuth token from no grant sees no installation). */
  visibleTo(caller: ChannelCaller): ChannelRecord[] {
    const own = caller.kind === "pat" ? PAT_CHANNEL : this.installations.get(caller.clientId);
    return [...SHARED, ...(own ? [own] : [])];
  }

  /** Every channel of the account, the installations' included, in id order. */
  all(): ChannelRecord[] {
    return [...SHARED, PAT_CHANNEL, ...[...this.installations.values()].sort((a, b) => a.id - b.id)];
  }

  exportState(): [string, ChannelRecord][] {
    return [...this.installations];
  }

  importState(state: [string, ChannelRecord][]): void {
    for (const [clientId, channel] of state) this.installations.set(clientId, channel);
    this.revision++;
  }
}

