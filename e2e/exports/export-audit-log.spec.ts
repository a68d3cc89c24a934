import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { createWorkspace } from "../support/workspaces";

// The Export menu on a list (the audit log: every workspace has entries): a small export downloads
// at once; a large one runs in the background, shows its progress, and ends in a download link,
// also listed under Settings → Exports.
test("an owner exports the audit log as CSV at once, and as .xlsx through a background export", async ({ page, uniqueEmail }) => {
  let slug = "";

  await test.step("the owner signs in and creates a workspace", async () => {
    await signIn(page, uniqueEmail("export-owner"));
    slug = await createWorkspace(page, "Export Outfitters");
  });

  await test.step("CSV, chosen with the keyboard, downloads at once with the list's rows", async () => {
    await page.goto(`/w/${slug}/settings/audit`);
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    const trigger = page.getByTestId("export-menu");
    await trigger.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menuitem", { name: "CSV (.csv)" })).toBeFocused();
    const downloading = page.waitForEvent("download");
    await page.keyboard.press("Enter");
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("Entry id,When,Action,Actor,Actor email,Target type,Target id,Details,IP,User agent");
    expect(lines.some((line) => line.includes(",workspace.created,"))).toBe(true);
  });

  await test.step("a large .xlsx runs in the background and ends in a link", async () => {
    await query(
      `INSERT INTO "AuditLog" (id, "workspaceId", action, metadata, "createdAt")
       SELECT 'e2e-export-' || w.id || '-' || n, w.id, 'e2e.bulk', jsonb_build_object('n', n), now() - make_interval(secs => n)
       FROM "Workspace" w, generate_series(1, 6000) n WHERE w.slug = $1`,
      [slug],
    );
    await page.reload();
    await page.getByTestId("export-menu").click();
    await page.getByRole("menuitem", { name: "Excel (.xlsx)" }).click();
    const link = page.getByTestId("export-download");
    await expect(link).toBeVisible({ timeout: 60_000 });
    const downloading = page.waitForEvent("download");
    await link.click();
    const download = await downloading;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const [counted] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" a JOIN "Workspace" w ON w.id = a."workspaceId" WHERE w.slug = $1 AND a."createdAt" < now()`, [slug]);
    // The header, then every entry at the time of the export (the export's own audit rows came after).
    expect(sheet.rowCount - 1).toBeGreaterThanOrEqual(6001);
    expect(sheet.rowCount - 1).toBeLessThanOrEqual(counted!.n);
    expect(sheet.getRow(1).getCell(3).value).toBe("Action");
  });

  await test.step("Settings → Exports lists it with its link", async () => {
    await page.goto(`/w/${slug}/settings/exports`);
    const row = page.getByTestId("export-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/audit-log-.*\.xlsx/);
    await expect(row.getByRole("link", { name: "Download" })).toBeVisible();
  });
});
