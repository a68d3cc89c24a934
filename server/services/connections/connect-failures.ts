import "server-only";
import { ConnectError } from "@/server/connectors/_core/auth";
import type { Connector } from "@/server/connectors/_core/connector";
import { connectorFor, providerFromSlug } from "@/server/connectors/registry";

// Why a connect attempt stopped, in words for the person who tried (the error page shows them;
// nothing is stored when any of these happens). A connector words its own reasons (its checks of
// a signed query, say) in `auth.failures`.

const SHARED = {
  not_configured: ({ info }) => `${info.name} is not set up on this Meridian server. ${info.setup}`,
  sign_in_not_configured: ({ info }) => `Connecting through ${info.name}'s sign-in is not set up on this Meridian server. ${info.setup}`,
  invalid_account: ({ auth }) => auth.oauth?.account?.invalid ?? "That account is not valid.",
  workspace_not_found: () => "That workspace does not exist, or you are not an owner or admin of it.",
  state_missing: () => "The connection was not started from this browser, or it took more than 10 minutes. Start it again from Meridian.",
  state_expired: () => "The connection took more than 10 minutes. Start it again from Meridian.",
  state_mismatch: ({ info }) => `This answer from ${info.name} does not belong to the connection started in this browser. Start it again from Meridian.`,
  account_mismatch: ({ info }) => `${info.name} answered for a different account than the one the connection was started for.`,
  user_mismatch: () => "You are signed in as a different person than the one who started the connection. Start it again.",
  signed_out: () => "Your Meridian session ended during the connection. Sign in and start it again.",
  access_denied: ({ info }) => `Access was not granted on ${info.name}, so nothing was connected.`,
  exchange_refused: ({ info }) => `${info.name} refused to grant access. Start again; if it keeps failing, remove Meridian's access on ${info.name} and connect again.`,
  provider_unreachable: ({ info }) => `${info.name} could not be reached or did not answer in time. Try again in a minute.`,
  account_in_other_workspace: () => "This account is already connected to another Meridian workspace. Disconnect it there first.",
  no_accounts: ({ info, auth }) => `The account you signed in with on ${info.name} can read no ${auth.oauth?.accounts?.label ?? "account"}. Sign in with one that can, and connect again.`,
  account_refused: ({ info, auth }) => `${info.name} would not let Meridian read that ${auth.oauth?.accounts?.label ?? "account"} with the account you signed in with. Check its access on ${info.name}, then connect again.`,
  choice_missing: () => "The choice was not started from this browser, or it took more than 10 minutes. Start the connection again from Meridian.",
} satisfies Record<string, (connector: Connector) => string>;

export type SharedConnectFailure = keyof typeof SHARED;

/** The message for `reason`, from the shared list or the connector's own. */
export function connectFailureMessage(connector: Connector, reason: string): string | null {
  if (Object.hasOwn(SHARED, reason)) return SHARED[reason as SharedConnectFailure](connector);
  const own = connector.auth.oauth?.failures;
  return own && Object.hasOwn(own, reason) ? own[reason]! : null;
}

export function connectFailure(connector: Connector, reason: SharedConnectFailure, cause?: unknown): ConnectError {
  return new ConnectError(reason, SHARED[reason](connector), { cause });
}

/** For the error page: what failed and why, from the URL's provider and reason (either may be anything). */
export function describeConnectFailure(slug: string | null, reason: string | null): { providerName: string | null; reason: string; message: string } {
  const provider = slug ? providerFromSlug(slug) : null;
  const connector = provider ? connectorFor(provider) : null;
  const message = connector && reason ? connectFailureMessage(connector, reason) : null;
  if (message) return { providerName: connector!.info.name, reason: reason!, message };
  return { providerName: connector?.info.name ?? null, reason: "unknown", message: "The connection did not complete. Start it again from Meridian." };
}
