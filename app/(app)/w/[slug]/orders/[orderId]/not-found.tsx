import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Order not found" };

export default function NotFound() {
  return <NotFoundPanel title="Order not found" description="No order in this workspace has this address. It may have been deleted in the store, or the link belongs to another workspace." back={{ label: "All orders", route: "/w/[slug]/orders" }} />;
}
