import { appUrl } from "@/server/env";

// Where a notification email's "change which emails you get" leads: the person's own settings,
// the same from every workspace's emails.
export function notificationSettingsUrl(): string {
  return `${appUrl()}/account/notifications`;
}
