import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

// The overview as dashboard.overview returns it (components see the server only through the router's types).
export type Overview = inferRouterOutputs<AppRouter>["dashboard"]["overview"];
export type SalesTotals = Overview["totals"][number];
export type SalesFigures = SalesTotals["current"];
export type SalesChanges = SalesTotals["change"];
export type SalesSeries = Overview["series"][number];
export type TopProduct = Overview["topProducts"][number];
export type MatchRatePoint = Overview["matchRate"][number];
export type ConnectionSyncHealth = Overview["syncHealth"][number];
