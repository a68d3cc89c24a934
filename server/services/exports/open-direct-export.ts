import "server-only";
import superjson from "superjson";
import { db, workspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { ExportFormat, type Role } from "@/server/generated/prisma/enums";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { exportFileName } from "./export-file-name";
import type { ExportChunk } from "./columns";
import { exportChunks } from "./file-bytes";
import { directExportAllowed } from "./limits";
import { isExportList } from "./schema";
import { authorizedExport } from "./start-export";

export type DirectExportQuery = { list: string; query: URLSearchParams };

function requiredParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw new AppError("BAD_REQUEST", `Missing "${name}".`);
  return value;
}

function filtersOf(query: URLSearchParams): Record<string, unknown> {
  const raw = query.get("filters");
  if (!raw) return {};
  let filters: unknown;
  try {
    filters = superjson.parse(raw);
  } catch {
    throw new AppError("BAD_REQUEST", `"filters" is not valid JSON.`);
  }
  if (typeof filters !== "object" || filters === null || Array.isArray(filters)) throw new AppError("BAD_REQUEST", `"filters" must be an object.`);
  return filters as Record<string, unknown>;
}

async function membershipRole(userId: string, slug: string): Promise<{ workspaceId: string; role: Role }> {
  const membership = await db.membership.findFirst({ where: { userId, workspace: { slug } }, select: { workspaceId: true, role: true } });
  // A workspace the caller is not in is answered like one that does not exist.
  if (!membership) throw new AppError("NOT_FOUND", "Workspace not found.");
  return membership;
}

async function* bytesOf(chunks: AsyncGenerator<ExportChunk>): AsyncGenerator<Buffer> {
  for await (const { bytes } of chunks) yield bytes;
}

// A small export, streamed from its request (GET /api/exports/<list>): the caller's membership and
// role as the list's page checks them, the list's filters, an audit row, then the file as it is
// read. An export above the direct limit is refused with a 409 that says to start it from the
// Export menu, which runs it in the background.
export async function openDirectExport(userId: string, actor: AuditActor, { list, query }: DirectExportQuery) {
  if (!isExportList(list)) throw new AppError("NOT_FOUND", "No such list to export.");
  const format = requiredParam(query, "format").toUpperCase();
  if (!Object.hasOwn(ExportFormat, format)) throw new AppError("BAD_REQUEST", `"format" must be one of ${Object.values(ExportFormat).join(", ")}.`);
  const slug = requiredParam(query, "workspace");
  const rawFilters = filtersOf(query);
  const { workspaceId, role } = await membershipRole(userId, slug);
  const { source, filters } = authorizedExport(role, list, rawFilters);
  const exportFormat = format as ExportFormat;

  const rows = await source.count(workspaceId, filters);
  if (!directExportAllowed(exportFormat, rows)) {
    throw new AppError("CONFLICT", `${rows} rows are too many to download directly: choose Export on the list to get a download link when the file is ready.`);
  }
  await recordAudit(workspaceDb(workspaceId), {
    ...actor,
    workspaceId,
    action: "export.downloaded",
    targetType: "List",
    targetId: list,
    metadata: { list, format: exportFormat, rows, filters: superjson.serialize(rawFilters).json as never },
  });
  return {
    fileName: exportFileName(source.fileStem, exportFormat, new Date()),
    format: exportFormat,
    bytes: bytesOf(exportChunks(exportFormat, source, workspaceId, filters, { cursor: null, start: true })),
  };
}
