import "server-only";
import { isAppError, type AppErrorCode } from "@/server/errors";
import type { ExportFormat } from "@/server/generated/prisma/enums";
import { reportError } from "@/server/observability/report-error";
import { contentDisposition } from "./export-file-name";
import { CONTENT_TYPE } from "./file-bytes";

// What the export route handlers share (app/api/exports/…): the file response and the errors, so
// each handler stays a few lines.

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
};

/** An error as a route answers it: `{ error }` JSON with the message the user needs. */
export function exportErrorResponse(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

/** A domain error at its HTTP status; anything else is reported and answered with a 500. */
export function exportFailureResponse(error: unknown, source: string): Response {
  if (isAppError(error)) return exportErrorResponse(STATUS[error.code], error.message);
  reportError(error, { source });
  return exportErrorResponse(500, "Something went wrong. Please try again.");
}

/** The file as an attachment, streamed as its bytes come (pulled: nothing is read ahead of the client). */
export function exportFileResponse(fileName: string, format: ExportFormat, bytes: AsyncIterator<Uint8Array>): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await bytes.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await bytes.return?.(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPE[format],
      "content-disposition": contentDisposition(fileName),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
