import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ExportColumn, ExportPage, ExportRow } from "./columns";
import { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { exportChunks, fileBytes } from "./file-bytes";
import { sqlSource } from "./keyset-sql";
import { decimalCell } from "./xlsx-writer";

const COLUMNS: ExportColumn[] = [
  { key: "name", header: "Name", type: "text" },
  { key: "amount", header: "Amount", type: "decimal" },
  { key: "count", header: "Count", type: "integer" },
  { key: "at", header: "At", type: "timestamp" },
  { key: "day", header: "Day", type: "date" },
  { key: "test", header: "Test", type: "boolean" },
];

const AT = "2026-03-04T05:06:07.089Z";

async function* pagesOf(...pages: ExportRow[][]): AsyncGenerator<ExportPage> {
  for (const [i, rows] of pages.entries()) yield { rows, cursor: String(i) };
}

async function bytesOf(format: "NDJSON" | "XLSX", ...pages: ExportRow[][]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of fileBytes(format, "Orders", COLUMNS, pagesOf(...pages))) parts.push(part);
  return Buffer.concat(parts);
}

const row = (name: string | null, amount: string | null = "1"): ExportRow => [name, amount, 3, AT, "2026-03-04", true];

// CSV is PostgreSQL's to write (COPY), so its rows go through the database: a source over a VALUES
// list of the same cells, whose parameters COPY takes as literals.
function valuesSource(rows: ExportRow[]) {
  const [name, amount, count, at, day, test] = ["name", "amount", "count", "at", "day", "test"].map((c) => Prisma.raw(`t.${c}`)) as Prisma.Sql[];
  const values = rows.map(
    (r, n) => Prisma.sql`(${n}::int, ${r[0]}::text, ${r[1]}::numeric, ${r[2]}::int, ${r[3]}::timestamptz, ${r[4]}::date, ${r[5]}::boolean)`,
  );
  return sqlSource<object>({
    list: "orders",
    fileStem: "orders",
    requires: "data.read",
    filters: z.object({}),
    keyset: { column: Prisma.sql`t.n`, id: Prisma.sql`t.n::text`, direction: "asc", kind: "integer" },
    columns: [
      { ...COLUMNS[0]!, sql: name! },
      { ...COLUMNS[1]!, sql: amount! },
      { ...COLUMNS[2]!, sql: count! },
      { ...COLUMNS[3]!, sql: at! },
      { ...COLUMNS[4]!, sql: Prisma.sql`${day!}::text` },
      { ...COLUMNS[5]!, sql: test! },
    ],
    from: async () => Prisma.sql`FROM (VALUES ${Prisma.join(values)}) t(n, name, amount, count, at, day, test) WHERE TRUE`,
  });
}

async function csvOf(rows: ExportRow[], range: { cursor: string | null; through?: string | null; start: boolean } = { cursor: null, start: true }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const { bytes } of exportChunks("CSV", valuesSource(rows), "w", {}, range)) parts.push(bytes);
  return Buffer.concat(parts);
}

describe("CSV", () => {
  it("starts with the UTF-8 byte order mark and ends every record with CRLF", async () => {
    const csv = await csvOf([row("a"), row("b")]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString("utf8")).toBe(
      "Name,Amount,Count,At,Day,Test\r\na,1,3,2026-03-04T05:06:07.089Z,2026-03-04,true\r\nb,1,3,2026-03-04T05:06:07.089Z,2026-03-04,true\r\n",
    );
  });

  it("quotes commas, quotes and line breaks, keeps unicode, and leaves nulls empty", async () => {
    const csv = (await csvOf([row('say "hi", then\nleave'), row("Zoë 東京 🚀"), row(null, null), row("line\rbreak"), row("it's a \\ back\\slash")])).toString("utf8");
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe('"say ""hi"", then\nleave",1,3,2026-03-04T05:06:07.089Z,2026-03-04,true');
    expect(lines[2]).toBe("Zoë 東京 🚀,1,3,2026-03-04T05:06:07.089Z,2026-03-04,true");
    expect(lines[3]).toBe(",,3,2026-03-04T05:06:07.089Z,2026-03-04,true");
    expect(lines[4]).toBe('"line\rbreak",1,3,2026-03-04T05:06:07.089Z,2026-03-04,true');
    expect(lines[5]).toBe("it's a \\ back\\slash,1,3,2026-03-04T05:06:07.089Z,2026-03-04,true");
  });

  it("writes decimals exactly as stored", async () => {
    const csv = (await csvOf([row("a", "12345678901234.5678"), row("b", "-0.0001")])).toString("utf8");
    expect(csv).toContain("\r\na,12345678901234.5678,");
    expect(csv).toContain("\r\nb,-0.0001,");
  });

  it("neutralises formula injection in text but keeps negative numbers numbers", async () => {
    const csv = (await csvOf(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=y", "plain"].map((text) => row(text, "-5.5")))).toString("utf8");
    const names = csv.slice(1).split("\r\n").slice(1, -1).map((line) => line.split(",")[0]);
    expect(names).toEqual(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\t=x", `"'\r=y"`, "plain"]);
    expect(csv).toContain("plain,-5.5,");
  });

  it("writes a later part without the header or byte order mark (a background export's continuation), up to its end", async () => {
    const rows = [row("a"), row("b"), row("c"), row("d")];
    const source = valuesSource(rows);
    const [first, second] = [await source.partEnd("w", {}, { cursor: null, rows: 2 }), await source.partEnd("w", {}, { cursor: null, rows: 3 })];
    expect((await csvOf(rows, { cursor: first, through: second, start: false })).toString("utf8")).toBe("c,1,3,2026-03-04T05:06:07.089Z,2026-03-04,true\r\n");
  });
});

describe("NDJSON", () => {
  it("writes one object per line, with exact decimal strings and ISO timestamps", async () => {
    const lines = (await bytesOf("NDJSON", [row("=a,\n", "12345678901234.5678")], [row(null, "-0.0001")])).toString("utf8").split("\n");
    expect(lines.slice(0, 2).map((line) => JSON.parse(line))).toEqual([
      { name: "=a,\n", amount: "12345678901234.5678", count: 3, at: "2026-03-04T05:06:07.089Z", day: "2026-03-04", test: true },
      { name: null, amount: "-0.0001", count: 3, at: "2026-03-04T05:06:07.089Z", day: "2026-03-04", test: true },
    ]);
    expect(lines[2]).toBe("");
  });
});

describe("XLSX", () => {
  async function sheetOf(...pages: ExportRow[][]) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf("XLSX", ...pages)) as unknown as ArrayBuffer);
    return workbook.getWorksheet("Orders")!;
  }

  it("has the header, real dates, numbers for decimals Excel holds exactly and text for longer ones", async () => {
    const sheet = await sheetOf([row("a", "-0.0001"), row("b", "12345678901234.5678")], [row("c", "19.5"), row(null, null)]);
    expect(sheet.getRow(1).values).toEqual([undefined, "Name", "Amount", "Count", "At", "Day", "Test"]);
    const [a, b, c] = [2, 3, 4].map((n) => sheet.getRow(n));
    expect(a!.getCell(2).value).toBe(-0.0001);
    expect(b!.getCell(2).value).toBe("12345678901234.5678");
    expect(c!.getCell(2).value).toBe(19.5);
    expect(a!.getCell(3).value).toBe(3);
    expect(a!.getCell(4).value).toEqual(new Date(AT));
    expect(a!.getCell(4).numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    expect(a!.getCell(5).value).toEqual(new Date("2026-03-04T00:00:00Z"));
    expect(a!.getCell(6).value).toBe(true);
    // Empty cells stay empty, and the cells after them in their columns.
    expect(sheet.getRow(5).values).toEqual([undefined, undefined, undefined, 3, new Date(AT), new Date("2026-03-04T00:00:00Z"), true]);
    expect(sheet.rowCount).toBe(5);
  });

  it("neutralises formula injection in text cells, quotes and unicode intact", async () => {
    const sheet = await sheetOf([row("=HYPERLINK(\"x\")"), row("-1"), row('Zoë "q", x\ny')]);
    expect([2, 3, 4].map((n) => sheet.getRow(n).getCell(1).value)).toEqual(["'=HYPERLINK(\"x\")", "'-1", 'Zoë "q", x\ny']);
  });

  it("chooses numbers only up to Excel's 15 significant digits", () => {
    expect(decimalCell("123456789012345")).toBe(123456789012345);
    expect(decimalCell("1234567890123456")).toBe("1234567890123456");
    expect(decimalCell("0.0001")).toBe(0.0001);
    expect(decimalCell("1000000000000000000")).toBe(1e18);
    expect(decimalCell("-12.5")).toBe(-12.5);
  });
});
