import { env } from "@/server/env";
import { authorizeHealthToken } from "@/server/services/health/authorize-health-token";
import { getJobsHealth } from "@/server/services/health/get-jobs-health";

export const dynamic = "force-dynamic";

// Scheduled background work: 200 when healthy, 503 when not. Only callers with the
// HEALTH_TOKEN bearer see which job, connection and workspace; everyone else gets the status.
export async function GET(request: Request) {
  const health = await getJobsHealth();
  const detailed = authorizeHealthToken(request.headers.get("authorization"), env.HEALTH_TOKEN);
  return Response.json(detailed ? health : { status: health.status }, {
    status: health.status === "healthy" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
