import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/server/env";
import { EXPORT_LINK_TTL_MS } from "./limits";

// A background export's download link: signed (HMAC-SHA256 with a key derived from AUTH_SECRET
// for this purpose only), expiring, and bound to one workspace and one file, so it works from
// anywhere for a day and for nothing else. A fresh one is minted whenever the export is shown.

let key: Buffer | undefined;
function signingKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "", "meridian/export-link", 32));
  return key;
}

function signature(workspaceId: string, exportId: string, expires: number): string {
  return createHmac("sha256", signingKey()).update(`${workspaceId}\n${exportId}\n${expires}`).digest("base64url");
}

export function signedExportLink(workspaceId: string, exportId: string, now = new Date()): { href: string; expiresAt: Date } {
  const expires = now.getTime() + EXPORT_LINK_TTL_MS;
  const query = new URLSearchParams({ workspace: workspaceId, expires: String(expires), signature: signature(workspaceId, exportId, expires) });
  return { href: `/api/exports/files/${encodeURIComponent(exportId)}?${query}`, expiresAt: new Date(expires) };
}

export type LinkCheck = { ok: true; workspaceId: string } | { ok: false; reason: "tampered" | "expired" };

/**
 * Checks a link's query for the file it names. The signature covers the workspace, so a link whose
 * workspace or file id was changed (to reach another workspace's file) is refused like any forgery.
 */
export function checkExportLink(exportId: string, query: URLSearchParams, now = new Date()): LinkCheck {
  const workspaceId = query.get("workspace") ?? "";
  const expiresText = query.get("expires") ?? "";
  const given = Buffer.from(query.get("signature") ?? "");
  const expires = /^\d{1,15}$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  const expected = Buffer.from(Number.isNaN(expires) ? "" : signature(workspaceId, exportId, expires));
  if (given.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "tampered" };
  return expires < now.getTime() ? { ok: false, reason: "expired" } : { ok: true, workspaceId };
}
