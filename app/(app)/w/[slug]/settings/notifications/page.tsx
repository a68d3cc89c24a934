import type { Metadata } from "next";
import { NotificationsForm } from "@/components/settings/notifications-form";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Notifications" };

export default function NotificationsPage() {
  return (
    <>
      <PageHeader title="Notifications" description="Choose which emails Meridian sends you." />
      <NotificationsForm />
    </>
  );
}
