import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Payout not found" };

export default function NotFound() {
  return <NotFoundPanel title="Payout not found" description="No payout in this workspace has this address, or the link belongs to another workspace." back={{ label: "All payouts", route: "/w/[slug]/payouts" }} />;
}
