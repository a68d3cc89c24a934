import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return <NotFoundPanel title="Page not found" description="This workspace has no page at this address. It may have moved, or the link has a typo." back={{ label: "Go to the overview", route: "/w/[slug]" }} />;
}
