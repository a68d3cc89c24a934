import type { OAuthAccess } from "../_core/auth";

// What a ShipBob connection holds, whichever way it was made, and what the client needs of it.

/** A personal access token, as entered. */
export type ShipBobToken = { token: string };

/** What a ShipBob connection's credentials() answers: OAuth access, or the pasted token. */
export type ShipBobCredentials = OAuthAccess | ShipBobToken;

/** The bearer token of a connection, whichever way it was made: its OAuth access token or its personal access token. */
export function bearerToken(credentials: ShipBobCredentials): string {
  return "accessToken" in credentials ? credentials.accessToken : credentials.token;
}

/**
 * Whose allowance a connection's requests count against. ShipBob limits each user and
 * application: a personal access token is its own; an OAuth grant is Meridian's app for the
 * account, whatever access token it holds this hour, so its requests before and after a refresh
 * share one allowance (and the pacers stay one per connection, not one per hourly token).
 */
export function allowanceOf(credentials: ShipBobCredentials, externalAccountId: string): string {
  return "accessToken" in credentials ? `oauth:${externalAccountId}` : `token:${credentials.token}`;
}
