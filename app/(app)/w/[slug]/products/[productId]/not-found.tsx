import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Product not found" };

export default function NotFound() {
  return <NotFoundPanel title="Product not found" description="No product in this workspace has this address. It may have been deleted in the store, or the link belongs to another workspace." back={{ label: "All products", route: "/w/[slug]/products" }} />;
}
