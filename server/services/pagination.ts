import { z } from "zod";
import { AppError } from "@/server/errors";

// Keyset cursor over (createdAt, id): opaque to clients, validated on the way in. Keyset rather
// than offset so pages stay stable while rows are being added.
export type KeysetCursor = { createdAt: Date; id: string };

export const pageInput = {
  cursor: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
};

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(raw: string): KeysetCursor {
  const [iso, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
  return { createdAt, id };
}

// Rows strictly after the cursor in the given direction.
export function afterCursor(cursor: KeysetCursor, direction: "asc" | "desc") {
  const op = direction === "asc" ? "gt" : "lt";
  return { OR: [{ createdAt: { [op]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [op]: cursor.id } }] };
}

// Fetch limit + 1 rows; the extra one only tells whether there is a next page.
export function toPage<T extends KeysetCursor, U>(rows: T[], limit: number, map: (row: T) => U) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
