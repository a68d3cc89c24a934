import { renderToString } from "react-dom/server";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { PaginationFooter } from "./pagination";
import { TableCard, type ListQuery } from "./table-card";
import type { CursorPages } from "./use-cursor-pages";

type Page = { items: string[]; nextCursor: string | null };

const firstPage: CursorPages = { cursor: undefined, pageNumber: 1, hasPrevious: false, next: () => {}, previous: () => {} };
const secondPage: CursorPages = { ...firstPage, cursor: "c1", pageNumber: 2, hasPrevious: true };

/** The opening tag of the button with this test id. */
function buttonTag(html: string, testId: string): string {
  return html.match(new RegExp(`<button[^>]*data-testid="${testId}"[^>]*>`))?.[0] ?? "";
}

function render(query: Partial<ListQuery<Page>>, pages = firstPage) {
  const full: ListQuery<Page> = { data: undefined, isError: false, error: null, refetch: () => {}, ...query };
  // React marks text boundaries with empty comments; they are not part of what people read.
  return renderToString(
    <TableCard
      query={full}
      what="orders"
      skeleton={{ rows: 3, columns: 2 }}
      empty={<p>Nothing here</p>}
      footer={<PaginationFooter pages={pages} nextCursor={full.data?.nextCursor} pending={false} />}
    >
      {(page) => (
        <ul>
          {page.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </TableCard>,
  ).replaceAll("<!-- -->", "");
}

describe("TableCard", () => {
  it("shows a labelled skeleton until the first page arrives, without a pager", () => {
    const html = render({});
    expect(html).toContain('role="status" aria-label="Loading orders"');
    expect(html).not.toContain("Pagination");
  });

  it("shows the load error with the server's message and Try again, even over rows kept from before", () => {
    const html = render({ isError: true, error: new Error("The store is unreachable"), data: { items: ["#1001"], nextCursor: null } });
    expect(html).toContain('role="alert"');
    expect(html).toContain("Could not load orders");
    expect(html).toContain("The store is unreachable");
    expect(html).toContain("Try again");
    expect(html).not.toContain("#1001");
  });

  it("offers no Try again after a 4xx the same request would get again, and says what to do instead", () => {
    const answered = (httpStatus: number, message: string) => new TRPCClientError(message, { result: { error: { code: -32600, message, data: { httpStatus } } } });
    const badFilter = render({ isError: true, error: answered(400, "Connection not found.") });
    expect(badFilter).toContain("Connection not found. Change the filters or clear them, then the list loads again.");
    expect(badFilter).not.toContain("Try again");
    const forbidden = render({ isError: true, error: answered(403, "You cannot read this.") });
    expect(forbidden).toContain("ask an owner or admin");
    expect(forbidden).not.toContain("Try again");
    // A server failure or a rate limit may pass: asking again is offered.
    expect(render({ isError: true, error: answered(500, "Internal error") })).toContain("Try again");
    expect(render({ isError: true, error: answered(429, "Slow down") })).toContain("Try again");
  });

  it("shows the empty state for an empty page and the rows otherwise", () => {
    expect(render({ data: { items: [], nextCursor: null } })).toContain("Nothing here");
    const html = render({ data: { items: ["#1001", "#1002"], nextCursor: null } });
    expect(html).toContain("<li>#1001</li><li>#1002</li>");
    expect(html).not.toContain("Nothing here");
  });
});

describe("PaginationFooter", () => {
  it("is left out while the list fits on one page", () => {
    expect(render({ data: { items: ["#1001"], nextCursor: null } })).not.toContain('aria-label="Pagination"');
  });

  it("announces the page number and enables only the steps that exist", () => {
    const html = render({ data: { items: ["#1001"], nextCursor: null } }, secondPage);
    expect(html).toContain('<p class="text-xs text-muted-foreground" aria-live="polite">Page 2</p>');
    expect(buttonTag(html, "pagination-prev")).not.toContain('disabled=""');
    expect(buttonTag(html, "pagination-next")).toContain('disabled=""');
  });
});
