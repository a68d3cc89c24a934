import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** One provider of the picker (server/services/connections/list-connectors.ts). */
export type ConnectorChoice = inferRouterOutputs<AppRouter>["connection"]["providers"][number];

/** One way the provider connects. */
export type ConnectWay = ConnectorChoice["ways"][number];

/** What a way is called, from its kind and fields. */
export function connectWayLabel(name: string, way: ConnectWay): string {
  if (way.kind === "oauth") return `Sign in on ${name}`;
  return way.fields.some((field) => field.type === "file") ? "Upload a key file" : `Paste ${way.fields.map((f) => f.label).join(" and ")}`;
}

/** How the picker says a provider connects. */
export function connectMethodLabel(choice: ConnectorChoice): string {
  const [first = "", ...others] = choice.ways.map((way) => connectWayLabel(choice.name, way));
  return [first, ...others.map((label) => label.charAt(0).toLowerCase() + label.slice(1))].join(" or ");
}
