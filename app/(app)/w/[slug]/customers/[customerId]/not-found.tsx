import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Customer not found" };

export default function NotFound() {
  return <NotFoundPanel title="Customer not found" description="No customer in this workspace has this address. It may have been deleted in the store, or the link belongs to another workspace." back={{ label: "All customers", route: "/w/[slug]/customers" }} />;
}
