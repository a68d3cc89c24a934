import type { Prisma } from "@/server/generated/prisma/client";

/**
 * One figure of the overview: a SELECT and the reading of its rows. get-overview runs every part
 * in one statement, each part's rows aggregated into a JSON array in the SELECT's order, so a page
 * view is one round trip however many figures it shows. Rows arrive as JSON: decimals must leave
 * the SELECT as text (a JSON number would be read as a float), days arrive as "YYYY-MM-DD" and
 * timestamps as ISO-8601 text.
 */
export type OverviewPart<Row, T> = { sql: Prisma.Sql; read(rows: Row[]): T };

/** A part over its SQL and the reading of its rows, with the rows' type checked against the reader. */
export const overviewPart = <Row, T>(sql: Prisma.Sql, read: (rows: Row[]) => T): OverviewPart<Row, T> => ({ sql, read });
