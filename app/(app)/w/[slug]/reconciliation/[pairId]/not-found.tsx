import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Reconciliation not found" };

export default function NotFound() {
  return <NotFoundPanel title="Reconciliation not found" description="No reconciliation in this workspace has this address. Its store or analytics connection may have been removed." back={{ label: "All reconciliations", route: "/w/[slug]/reconciliation" }} />;
}
