import type { Metadata } from "next";
import { ContactsList } from "@/components/accounting/contacts-list";

export const metadata: Metadata = { title: "Contacts · Accounting" };

export default function ContactsPage() {
  return <ContactsList />;
}
