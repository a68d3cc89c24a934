import { PermanentError } from "../_core/errors";

// The one refusal a person can fix in GA4 itself: the credentials' account is not a user of the
// property (the Data API's 403 PERMISSION_DENIED). Worded the same at connect and during a sync.

/**
 * What to do about it. `who`: the service account's email, or null for a Google account that
 * connected through sign-in.
 */
export function notAPropertyUserMessage(who: string | null, property: string): string {
  const subject = who ?? "The Google account that connected";
  return `${subject} is not a user of property ${property}: in GA4 Admin → Property access management, add it as a Viewer, then try again`;
}

/** A sync's 403 from the property: retrying does not help, adding the account as a Viewer does. */
export class PropertyAccessDeniedError extends PermanentError {
  constructor(who: string | null, property: string, options: { status?: number; cause?: unknown; responseBody?: string } = {}) {
    super(notAPropertyUserMessage(who, property), options);
  }
}

/** Google's 403 for an API the credentials' Cloud project has not enabled (not a property's refusal). */
export function isServiceDisabled(responseBody: string | undefined): boolean {
  return /SERVICE_DISABLED|has not been used in project|it is disabled/i.test(responseBody ?? "");
}
