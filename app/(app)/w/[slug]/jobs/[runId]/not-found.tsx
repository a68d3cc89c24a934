import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Job run not found" };

export default function NotFound() {
  return <NotFoundPanel title="Job run not found" description="No job run in this workspace has this address. Old runs are removed by the retention settings." back={{ label: "All jobs", route: "/w/[slug]/jobs" }} />;
}
