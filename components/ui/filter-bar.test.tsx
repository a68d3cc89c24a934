import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DateRangeFields } from "./date-range-fields";
import { FilterBar, FilterSelect } from "./filter-bar";
import { TagList } from "./tag-list";

const STORES = [{ value: "conn_1", label: "Northwind" }];
const noop = () => {};

function select(value: string | undefined, unlistedLabel?: string) {
  return renderToString(
    <FilterSelect id="order-filter-connection" label="Store" placeholder="All stores" options={STORES} value={value} onChange={noop} unlistedLabel={unlistedLabel} />,
  );
}

/** The options as [value, text], in order. */
function options(html: string): [string, string][] {
  return [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1]!, m[2]!]);
}

describe("FilterSelect", () => {
  it("labels its select, and offers 'no filter' first", () => {
    const html = select(undefined);
    expect(html).toContain('<label class="text-sm font-medium leading-none" for="order-filter-connection">Store</label>');
    expect(html).toContain('id="order-filter-connection"');
    expect(html).toContain('data-testid="order-filter-connection"');
    expect(options(html)).toEqual([
      ["", "All stores"],
      ["conn_1", "Northwind"],
    ]);
  });

  it("still shows a chosen value the options do not list, under its own label", () => {
    expect(options(select("conn_gone", "Selected connection"))).toEqual([
      ["", "All stores"],
      ["conn_1", "Northwind"],
      ["conn_gone", "Selected connection"],
    ]);
    expect(options(select("custom.kind")).at(-1)).toEqual(["custom.kind", "custom.kind"]);
    expect(options(select("conn_1"))).toHaveLength(2);
  });
});

describe("FilterBar", () => {
  it("is a named search landmark whose Clear filters is disabled while nothing is filtered", () => {
    const html = renderToString(
      <FilterBar label="Filter orders" clear={{ onClear: noop, disabled: true, testId: "order-filter-clear" }}>
        <span>fields</span>
      </FilterBar>,
    );
    expect(html).toMatch(/^<div role="search" aria-label="Filter orders"/);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="order-filter-clear"[^>]*>Clear filters<\/button><\/div>$/);
  });
});

describe("DateRangeFields", () => {
  it("marks a field its list refuses, described by the reason, and leaves the other alone", () => {
    const html = renderToString(<DateRangeFields idPrefix="order-filter" value={{ from: "2026-03-01", to: "2026-02-01" }} errors={{ to: "“To” must not be before “From”." }} onChange={noop} />);
    expect(html).toMatch(/<input[^>]*id="order-filter-to"[^>]*aria-invalid="true"[^>]*aria-describedby="order-filter-to-error"/);
    expect(html).toContain('<p id="order-filter-to-error" class="max-w-56 text-xs font-medium text-destructive">“To” must not be before “From”.</p>');
    expect(html).not.toMatch(/id="order-filter-from"[^>]*aria-invalid/);
  });
});

describe("TagList", () => {
  it("lists tags as chips and renders nothing without tags", () => {
    const html = renderToString(<TagList tags={["vip", "wholesale"]} />);
    expect(html).toMatch(/^<ul aria-label="Tags"/);
    expect(html.match(/<li><span[^>]*>(\w+)<\/span><\/li>/g)).toHaveLength(2);
    expect(html).toContain(">wholesale</span>");
    expect(renderToString(<TagList tags={[]} />)).toBe("");
  });
});
