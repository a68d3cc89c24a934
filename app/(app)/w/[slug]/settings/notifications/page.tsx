import { permanentRedirect } from "next/navigation";

// Notification emails are a person's choice, not a workspace's: they moved to the account. Emails
// already sent link here.
export default function NotificationsMoved() {
  permanentRedirect("/account/notifications");
}
