import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db } from "@/server/db";
import { clientIp } from "@/server/security/client-ip";
import { refuseNulQueryParameters } from "@/server/security/nul-bytes";
import { exportErrorResponse, exportFailureResponse, exportFileResponse } from "@/server/services/exports/export-http";
import { openDirectExport } from "@/server/services/exports/open-direct-export";

export const dynamic = "force-dynamic";

// A small export of a list with its filters, streamed as it is read:
// ?workspace=<slug>&format=CSV|NDJSON|XLSX&filters=<superjson>.
export async function GET(request: Request, { params }: { params: Promise<{ list: string }> }) {
  const { list } = await params;
  const query = new URL(request.url).searchParams;
  const refused = refuseNulQueryParameters(query);
  if (refused) return refused;
  const session = await sessionFromCookie(db, request.headers);
  if (!session) return exportErrorResponse(401, "Sign in to export.");
  try {
    const actor = { actorId: session.user.id, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
    const file = await openDirectExport(session.user.id, actor, { list, query });
    return exportFileResponse(file.fileName, file.format, file.bytes);
  } catch (error) {
    return exportFailureResponse(error, "exports:direct");
  }
}
