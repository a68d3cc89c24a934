import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** One provider of the picker (server/services/connections/list-connectors.ts). */
export type ConnectorChoice = inferRouterOutputs<AppRouter>["connection"]["providers"][number];

/** How the picker says a provider connects. */
export function connectMethodLabel(choice: ConnectorChoice): string {
  if (choice.connect.kind === "oauth") return `Sign in on ${choice.name}`;
  return choice.connect.fields.some((field) => field.type === "file") ? "Upload a key file" : `Paste ${choice.connect.fields.map((f) => f.label).join(" and ")}`;
}
