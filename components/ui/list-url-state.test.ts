import { describe, expect, it } from "vitest";
import { PAGE_CURSOR_MAX } from "@/server/services/page-cursor/schema";
import { keysetOn } from "@/server/services/pagination";
import { readListPosition } from "./list-url-state";

// The URL holds the cursor a list handed out; one carrying a long sort value (a 255-character
// product title) must land on its page, not on the first with a notice.

const SORTS = ["title", "updated"] as const;
const titleCursor = (title: string) => keysetOn("title", "text").cursorOf({ title, id: "cmabcdefghijklmnopqrstuvw" });

describe("readListPosition", () => {
  it.each(["after", "before"] as const)("takes a %s cursor of a 255-character title in 4-byte characters", (param) => {
    const cursor = titleCursor("🧦".repeat(255));
    expect(cursor.length).toBeGreaterThan(1000);
    const { position, rejected } = readListPosition(new URLSearchParams({ sort: "title", page: "3", [param]: cursor }), SORTS);
    expect(rejected).toEqual([]);
    expect(position).toMatchObject({ sort: "title", page: 3, [param]: cursor });
  });

  it("refuses a cursor longer than any a list makes, naming it, and starts from the first page", () => {
    const cursor = "A".repeat(PAGE_CURSOR_MAX + 1);
    const { position, rejected } = readListPosition(new URLSearchParams({ page: "3", after: cursor }), SORTS);
    expect(position).toEqual({ page: 1, sort: undefined, dir: undefined, after: undefined, before: undefined });
    expect(rejected).toEqual([{ param: "after", value: cursor, message: `Page cursor is longer than ${PAGE_CURSOR_MAX} characters` }]);
  });
});
