import { appUrl } from "@/server/env";
import { notificationSettingsUrl } from "@/server/services/users/notification-settings-url";

/** The app's addresses the reconciliation emails link to. */
export function reconciliationLinks(slug: string) {
  const base = `${appUrl()}/w/${slug}`;
  return {
    reconciliation: `${base}/reconciliation`,
    pair: (pairId: string) => `${base}/reconciliation/${pairId}`,
    day: (pairId: string, date: string) => `${base}/reconciliation/${pairId}/${date}`,
    settings: notificationSettingsUrl(),
  };
}
