import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db } from "@/server/db";
import { clientIp } from "@/server/security/client-ip";
import { refuseNulQueryParameters } from "@/server/security/nul-bytes";
import { exportErrorResponse, exportFailureResponse, exportFileResponse } from "@/server/services/exports/export-http";
import { openExportDownload } from "@/server/services/exports/open-export-download";

export const dynamic = "force-dynamic";

// A background export's file, through the signed link the Export menu and Settings → Exports show.
export async function GET(request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  const { exportId } = await params;
  const query = new URL(request.url).searchParams;
  const refused = refuseNulQueryParameters(query);
  if (refused) return refused;
  try {
    // The link is the authority; a session, when there is one, only names who used it in the audit log.
    const session = await sessionFromCookie(db, request.headers);
    const actor = { actorId: session?.user.id ?? null, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
    const download = await openExportDownload(exportId, query, actor);
    if (!download.ok) return exportErrorResponse(download.status, download.message);
    return exportFileResponse(download.fileName, download.format, download.bytes);
  } catch (error) {
    return exportFailureResponse(error, "exports:download");
  }
}
