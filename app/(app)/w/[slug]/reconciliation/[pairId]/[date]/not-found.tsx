import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Day not found" };

export default function NotFound() {
  return <NotFoundPanel title="Day not found" description="This reconciliation has no figures for that day (or the address is not a date). Days appear once both sides have synced them." back={{ label: "All days", route: "/w/[slug]/reconciliation/[pairId]" }} />;
}
