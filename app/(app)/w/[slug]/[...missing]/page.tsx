import type { Metadata } from "next";
import { notFound } from "next/navigation";

// A path the workspace has no page for gets the workspace's not-found page, inside the shell,
// rather than the site's bare one.
export const metadata: Metadata = { title: "Page not found" };

export default function MissingPage() {
  notFound();
}
