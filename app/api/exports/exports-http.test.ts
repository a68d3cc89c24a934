import { InngestTestEngine } from "@inngest/test";
import ExcelJS from "exceljs";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { exportList } from "@/inngest/functions/export-list";
import { buildConnection } from "@/prisma/factories/connections";
import { orderRecord } from "@/prisma/factories/commerce";
import { insertOrder } from "@/prisma/factories/commerce-rows";
import { insertGeneratedOrders } from "@/prisma/factories/exports";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { sessionCookieFor } from "@/server/api/test-http";
import { db, workspaceDb } from "@/server/db";
import { findRecentExports, getExport } from "@/server/services/exports/export-view";
import { DIRECT_XLSX_MAX_ROWS } from "@/server/services/exports/limits";
import { signedExportLink } from "@/server/services/exports/signed-link";
import { startExport } from "@/server/services/exports/start-export";
import { GET as downloadFile } from "./files/[exportId]/route";
import { GET as streamList } from "./[list]/route";

// The export routes as the browser calls them (a real session row, the handlers' own responses),
// and the background job end to end: queued by startExport, run through the SDK's test engine,
// downloaded through its signed link and parsed back.

type Setup = Awaited<ReturnType<typeof setup>>;

async function setup() {
  const { workspace, owner } = await buildWorkspaceWithOwner();
  const connection = await buildConnection(workspace.id);
  const scope = { workspaceId: workspace.id, connectionId: connection.id };
  const viewer = await buildMember(workspace.id, "VIEWER");
  return { workspace, owner, scope, viewer, ownerCookie: await sessionCookieFor(owner.id), viewerCookie: await sessionCookieFor(viewer.user.id) };
}

function direct(cookie: string | null, list: string, params: Record<string, string>) {
  const url = `http://localhost/api/exports/${list}?${new URLSearchParams(params)}`;
  return streamList(new Request(url, { headers: cookie ? { cookie, "user-agent": "vitest" } : {} }), { params: Promise.resolve({ list }) });
}

function download(href: string, cookie?: string) {
  const url = new URL(href, "http://localhost");
  const exportId = decodeURIComponent(url.pathname.split("/").at(-1)!);
  return downloadFile(new Request(url, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ exportId }) });
}

let s: Setup;
beforeAll(async () => {
  s = await setup();
  await insertOrder(s.scope, orderRecord("r1", { name: "#1001", processedAt: "2026-02-01T10:00:00Z", totalPrice: { amount: "12345678901234.5678", currency: "USD" } }));
  await insertOrder(s.scope, orderRecord("r2", { name: "=HYPERLINK(1)", processedAt: "2026-02-02T10:00:00Z", email: "zoë@example.test" }));
  await insertOrder(s.scope, orderRecord("r3", { name: "#2001", processedAt: "2026-02-03T10:00:00Z" }));
});

describe("GET /api/exports/<list> (a small export, streamed)", () => {
  it("streams the filtered list as CSV with a safe file name, and audits it", async () => {
    const filters = superjson.stringify({ search: "#1", from: new Date("2026-01-01T00:00:00Z") });
    const response = await direct(s.ownerCookie, "orders", { workspace: s.workspace.slug, format: "CSV", filters });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''orders-/);
    const csv = await response.text();
    // Response.text() decodes UTF-8 and drops the BOM; the bytes keep it (checked in writers.test.ts).
    const lines = csv.split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(",#1001,");
    expect(lines[1]).toContain(",12345678901234.5678,");

    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: s.workspace.id, action: "export.downloaded" } });
    expect(audit).toMatchObject({ actorId: s.owner.id, targetType: "List", targetId: "orders", userAgent: "vitest" });
    expect(audit.metadata).toMatchObject({ list: "orders", format: "CSV", rows: 1, filters: { search: "#1", from: "2026-01-01T00:00:00.000Z" } });
  });

  it("neutralises formula injection and keeps unicode in XLSX, parsed back", async () => {
    const response = await direct(s.ownerCookie, "orders", { workspace: s.workspace.slug, format: "XLSX" });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const names = [2, 3, 4].map((n) => sheet.getRow(n).getCell(2).value);
    expect(names).toEqual(["#2001", "'=HYPERLINK(1)", "#1001"]);
    expect(sheet.getRow(3).getCell(5).value).toBe("zoë@example.test");
  });

  it("answers what is wrong: 401 signed out, 404 not a member or no such list, 403 role, 400 naming the field", async () => {
    const outsider = await buildWorkspaceWithOwner();
    const base = { workspace: s.workspace.slug, format: "CSV" };
    expect((await direct(null, "orders", base)).status).toBe(401);
    expect((await direct(await sessionCookieFor(outsider.owner.id), "orders", base)).status).toBe(404);
    expect((await direct(s.ownerCookie, "secrets", base)).status).toBe(404);
    const forbidden = await direct(s.viewerCookie, "audit-log", base);
    expect(forbidden.status).toBe(403);
    const badFormat = await direct(s.ownerCookie, "orders", { ...base, format: "PDF" });
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).error).toMatch(/"format"/);
    const badFilter = await direct(s.ownerCookie, "orders", { ...base, filters: superjson.stringify({ financialStatus: "FREE" }) });
    expect(badFilter.status).toBe(400);
    expect((await badFilter.json()).error).toMatch(/"financialStatus"/);
    const notJson = await direct(s.ownerCookie, "orders", { ...base, filters: "{" });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/"filters"/);
  });
});

describe("a large export: background job, progress, signed link", () => {
  let big: Setup;
  let exportId: string;

  beforeAll(async () => {
    big = await setup();
    await insertGeneratedOrders(big.scope, DIRECT_XLSX_MAX_ROWS + 1);
    const caller = { workspace: big.workspace, role: "OWNER" as const, actor: { actorId: big.owner.id, ip: null, userAgent: null } };
    const events: unknown[] = [];
    const started = await startExport(workspaceDb(big.workspace.id), caller, { list: "orders", format: "XLSX", filters: {} }, { sendEvent: async (event) => events.push(event) });
    if (started.mode !== "background") throw new Error("expected a background export");
    exportId = started.exportId;

    const [event] = events as [{ name: "app/export.requested"; data: { workspaceId: string; exportId: string; job: { jobRunId: string } } }];
    const { result } = await new InngestTestEngine({ function: exportList, events: [event] }).execute();
    expect(result).toEqual({ outcome: "exported", rows: DIRECT_XLSX_MAX_ROWS + 1, bytes: expect.any(Number) });
  }, 120_000);

  it("refuses to stream it directly (409, pointing at the menu)", async () => {
    const response = await direct(big.ownerCookie, "orders", { workspace: big.workspace.slug, format: "XLSX" });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatch(/choose Export/);
  });

  it("records the run's progress and the file's rows, then serves the file through its signed link, audited", async () => {
    const file = await db.exportFile.findUniqueOrThrow({ where: { id: exportId } });
    expect(file).toMatchObject({ status: "SUCCEEDED", rowsTotal: DIRECT_XLSX_MAX_ROWS + 1, rowsWritten: DIRECT_XLSX_MAX_ROWS + 1 });
    const run = await db.jobRun.findUniqueOrThrow({ where: { id: file.jobRunId! } });
    expect(run).toMatchObject({ kind: "export", status: "SUCCEEDED", progressDone: DIRECT_XLSX_MAX_ROWS + 1, progressTotal: DIRECT_XLSX_MAX_ROWS + 1 });

    const view = await getExport(workspaceDb(big.workspace.id), "VIEWER", { exportId });
    const response = await download(view.download!.href);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(`filename="${file.fileName}"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(DIRECT_XLSX_MAX_ROWS + 2);
    // Newest first, as the Orders page lists them.
    expect(sheet.getRow(2).getCell(2).value).toBe("#G1");
    expect(sheet.getRow(DIRECT_XLSX_MAX_ROWS + 2).getCell(2).value).toBe(`#G${DIRECT_XLSX_MAX_ROWS + 1}`);

    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: big.workspace.id, action: "export.downloaded", targetId: exportId } });
    expect(audit).toMatchObject({ targetType: "ExportFile", actorId: null, metadata: { list: "orders", format: "XLSX", via: "link" } });
  });

  it("refuses a tampered link or one moved to another workspace (403) and an expired one (410)", async () => {
    const { href } = signedExportLink(big.workspace.id, exportId);
    const url = new URL(href, "http://localhost");
    const tamper = (name: string, value: string) => {
      const copy = new URL(url);
      copy.searchParams.set(name, value);
      return `${copy.pathname}${copy.search}`;
    };
    const refused = async (link: string, status: number, message: RegExp) => {
      const response = await download(link);
      expect(response.status).toBe(status);
      expect((await response.json()).error).toMatch(message);
    };
    await refused(tamper("signature", `x${url.searchParams.get("signature")!.slice(1)}`), 403, /not valid/);
    await refused(tamper("expires", String(Date.now() + 365 * 86_400_000)), 403, /not valid/);
    await refused(tamper("workspace", s.workspace.id), 403, /not valid/);
    // Another workspace's own valid link, pointed at this file.
    const theirs = new URL(signedExportLink(s.workspace.id, "their-file").href, "http://localhost");
    await refused(`/api/exports/files/${exportId}${theirs.search}`, 403, /not valid/);

    const expired = signedExportLink(big.workspace.id, exportId, new Date(Date.now() - 2 * 86_400_000)).href;
    await refused(expired, 410, /expired/);
    expect(await db.auditLog.count({ where: { workspaceId: big.workspace.id, action: "export.downloaded", targetId: exportId, actorId: { not: null } } })).toBe(0);
  });

  it("shows the export to those who may read its list, with a fresh link", async () => {
    const recent = (await findRecentExports(workspaceDb(big.workspace.id), "VIEWER")).items;
    expect(recent.map((e) => e.id)).toEqual([exportId]);
    expect(recent[0]!.download?.href).toMatch(new RegExp(`^/api/exports/files/${exportId}\\?`));
  });
});
