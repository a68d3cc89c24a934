import { redirect } from "next/navigation";

export default async function AccountingIndex({ params }: { params: Promise<{ slug: string }> }) {
  redirect(`/w/${(await params).slug}/accounting/invoices`);
}
