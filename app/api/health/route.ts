import { db } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { getRequestId } from "@/server/observability/request-id";
import { getHealth } from "@/server/services/health/get-health";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { report, error } = await getHealth(db);
  if (error) logger.warn({ err: error, requestId: getRequestId(request.headers) }, "health check: database down");
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
