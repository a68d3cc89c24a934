import type { Metadata } from "next";
import { RecentExports } from "@/components/exports/recent-exports";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Exports" };

export default function ExportsPage() {
  return (
    <>
      <PageHeader title="Exports" description="Large exports run in the background; their files are kept as long as Data retention says, and each link works for a day." />
      <RecentExports />
    </>
  );
}
