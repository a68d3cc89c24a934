import { Prisma } from "@/server/generated/prisma/client";

// OWASP's CSV injection advice: a spreadsheet evaluates a cell that starts with = + - @ (or a tab
// or carriage return that hides one) as a formula, so such text is prefixed with a single quote,
// which shows the text as typed. Only text cells: a number column's -12.50 stays a number.
// One rule, two forms: JavaScript for .xlsx cells, SQL for the CSV PostgreSQL writes (copy-csv.ts).
const FORMULA_STARTS: readonly string[] = ["=", "+", "-", "@", "\t", "\r"];

export function neutraliseFormula(text: string): string {
  return FORMULA_STARTS.includes(text.charAt(0)) ? `'${text}` : text;
}

const FORMULA_STARTS_SQL = Prisma.join(FORMULA_STARTS.map((c) => Prisma.raw(`chr(${c.charCodeAt(0)})`)));

/** neutraliseFormula of a text expression, in SQL (null stays null). */
export function neutraliseFormulaSql(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN left(${text}, 1) IN (${FORMULA_STARTS_SQL}) THEN '''' || ${text} ELSE ${text} END`;
}
