import type { z } from "zod";
import type { ConnectionContext } from "./connector";
import type { OAuthTokenSet } from "./oauth";

// How a connector gets credentials: the shape server/services/connections/ drives for every
// provider (begin/complete connect, connection.create, getConnectionAccess). A connector offers
// one way or both (OAuth, credentials a person enters); each connection records the way it was
// connected (Connection.authMethod). A connector only talks to its provider here; storing,
// encrypting, refreshing under a lock, auditing and the "needs re-authorization" path are the
// services'.
//
// Members are written as methods on purpose: a connector's `Config` is its own type, and method
// parameters let `satisfies Record<Provider, Connector>` accept each connector as it is.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Who the credentials belong to, as the provider says (never as the user typed it). */
export type AccountIdentity = {
  /** Unique per provider (a shop domain, an organisation id): one workspace holds it at a time. */
  externalAccountId: string;
  /** The connection's name in Meridian. */
  displayName: string;
  /** Kept in Connection.settings (merged into what a reconnected row had). */
  settings: { [key: string]: Json };
  /**
   * The account's own time zone (IANA), when the provider keeps one. A store's becomes its
   * workspace's zone while none was chosen (services/workspaces/adopt-store-time-zone.ts).
   */
  timeZone?: string;
};

/**
 * Why a connect attempt stopped; nothing is stored when one is thrown. `reason` goes into the
 * error page's URL, `message` is shown to the person (services/connections/connect-failures.ts
 * words the shared reasons; a connector words its own in `OAuthAuth.failures`).
 */
export class ConnectError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ConnectError";
  }
}

/** A field the person fills in: an OAuth account asked before the redirect, or a credential. */
export type FieldInfo = {
  name: string;
  label: string;
  placeholder?: string;
  hint?: string;
};

/** Asked before the redirect when the authorize URL depends on the account (a store's own domain). */
export type AccountField = FieldInfo & {
  /** What the person typed → the account id the provider knows, or null (then `invalid` is shown). */
  normalize(input: string): string | null;
  invalid: string;
};

/** One account credentials open, for the person to pick (a GA4 property). */
export type AccountOption = { id: string; label: string; detail?: string };

/**
 * For a provider whose credentials open several accounts, each of which is a connection of its
 * own (GA4: every property the credentials can read): the accounts to pick from, then the picked
 * one's identity. `Access` is what the way holds: the entered values, or an OAuth access token.
 * Both are live calls; the provider refusing is CredentialsRefusedError (with the reason the
 * person can act on), it not answering a typed connector error.
 */
export type AccountChooser<Config, Access> = {
  /** What one account is called in the form ("GA4 property"). */
  label: string;
  list(config: Config, access: Access): Promise<AccountOption[]>;
  /** The picked account, checked readable with `access` (not just listed). */
  identity(config: Config, access: Access, accountId: string): Promise<AccountIdentity>;
};

export type OAuthAuth<Config> = {
  account?: AccountField;
  /** Reasons this connector's own checks throw (ConnectError), with the message for each. */
  failures?: Readonly<Record<string, string>>;
  /** The public base URL the provider redirects back to; default: the app URL. */
  redirectBaseUrl?(config: Config): string;
  /** Where the browser goes to consent. `state` is opaque; `account` is set when `account` is. */
  authorizeUrl(config: Config, request: { state: string; redirectUri: string; account: string | null }): string;
  /**
   * Provider-specific checks of the callback's query, before anything else is looked at
   * (a signature over the query and its freshness). Returns the account the callback names, when it
   * names one: it must be the one the connect started for. Throws ConnectError.
   */
  verifyCallback?(config: Config, query: URLSearchParams): Promise<{ account: string | null }>;
  /**
   * Code → tokens, and the account they are for. Typed connector errors: RateLimited or
   * Transient (the provider could not answer), anything else (the code was refused).
   */
  exchangeCode(config: Config, grant: { code: string; redirectUri: string; account: string | null }): Promise<{ tokens: OAuthTokenSet; identity: AccountIdentity | null }>;
  /**
   * With it, `exchangeCode` answers `identity: null` and the person picks the account the grant
   * opens (auto-picked when it opens exactly one), with the new access token.
   */
  accounts?: AccountChooser<Config, string>;
  /**
   * A new access token (and, when the provider rotates them, a new refresh token). Throws
   * AuthExpiredError when the provider refuses the refresh token: only a person can fix that.
   */
  refresh(config: Config, grant: { refreshToken: string; externalAccountId: string; settings: Readonly<Record<string, unknown>> }): Promise<OAuthTokenSet>;
  /**
   * A connect the provider starts (it opens the app's install URL with a signed query): `detect`
   * tells it from Meridian's own start at the same install URL, `verify` returns the account,
   * then the person picks the workspace. Throws ConnectError.
   */
  launch?: {
    detect(query: URLSearchParams): boolean;
    verify(config: Config, query: URLSearchParams): Promise<{ account: string }>;
  };
  /** Origins the connect form's redirect lands on (the consent screen), for the CSP's form-action (server/security/headers.ts). */
  formActionOrigins?(config: Config): string[];
  /**
   * Whether this server has this way switched on, for a provider that also connects otherwise
   * (credentials work while no OAuth app is configured). Absent: whenever `config` is not null.
   */
  enabled?(config: Config): boolean;
};

/** A credential the person enters: typed or pasted (`secret` is masked), or a file read as text. */
export type CredentialField = FieldInfo & {
  type: "text" | "secret" | "file";
  /** For `file`: the input's accept list, e.g. ".json,application/json". */
  accept?: string;
};

export type CredentialsAuth<Config, Values> = {
  /** What the picker calls this way when the connector offers OAuth too ("Use a personal access token"). */
  label?: string;
  /** In the order the form shows them; each name is a key of `schema`. */
  fields: readonly CredentialField[];
  /** Checks the values as entered (per field messages); what passes is what is stored, encrypted. */
  schema: z.ZodType<Values, Record<string, string>>;
  /**
   * For values that are traded for short-lived access tokens (a service account's signed JWT):
   * the trade. The connection's credentials() then answers the access token, never the values;
   * the token is kept sealed beside them and reused by every process until it expires (traded
   * again single-flight, as an OAuth refresh is). AuthExpiredError when the provider refuses them.
   */
  exchange?(config: Config, values: Values): Promise<OAuthAccess>;
} & (
  | {
      /**
       * ONE live call to the provider with the values: the account they open, or
       * CredentialsRefusedError (the provider said no) or a typed connector error (it could not say).
       */
      verify(config: Config, values: Values): Promise<AccountIdentity>;
      accounts?: never;
    }
  | { verify?: never; accounts: AccountChooser<Config, Values> }
);

/** The provider refused credentials a person entered; `field` names the one at fault when known. */
export class CredentialsRefusedError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CredentialsRefusedError";
  }
}

/** What both ways share; `Credentials` is what the connection's `credentials()` answers. */
type AuthHooks<Config, Credentials> = {
  /**
   * Runs once a connection is stored (connect or reconnect), before its first sync is queued
   * (subscribing the account's webhooks). A failure is logged and never undoes the connection.
   */
  afterConnect?(ctx: ConnectionContext<Config, Credentials>): Promise<void>;
};

/** What `ConnectionContext.credentials()` answers for a connection made through OAuth. */
export type OAuthAccess = { accessToken: string; accessTokenExpiresAt: Date | null; scopes: string[] };

/** The ways to connect, as Connection.authMethod records the one a connection was made with. */
export type AuthMethod = "oauth" | "credentials";

/**
 * The ways a connector offers, at least one. `Values`: what its credentials schema produces. With
 * both, `credentials()` answers either shape, by how the connection was made.
 */
export type ConnectorAuth<Config, Values = unknown> =
  | ({ oauth: OAuthAuth<Config>; credentials?: never } & AuthHooks<Config, OAuthAccess>)
  | ({ oauth?: never; credentials: CredentialsAuth<Config, Values> } & AuthHooks<Config, Values>)
  | ({ oauth: OAuthAuth<Config>; credentials: CredentialsAuth<Config, Values> } & AuthHooks<Config, OAuthAccess | Values>);

/** What `credentials()` answers for a connector with this auth. */
export type CredentialsOf<Auth> =
  | (Auth extends { oauth: OAuthAuth<never> } ? OAuthAccess : never)
  | (Auth extends { credentials: { exchange: (...args: never[]) => unknown } }
      ? OAuthAccess
      : Auth extends { credentials: CredentialsAuth<never, infer Values> }
        ? Values
        : never);
