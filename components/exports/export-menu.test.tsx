import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExportMenu } from "./export-menu";

describe("ExportMenu", () => {
  it("is disabled while the list's filters are invalid, saying which and why, so nothing is sent for a 400", () => {
    const html = renderToString(
      <ExportMenu list="job-runs" what="job runs" filters={{}} invalid={{ to: "“To” must not be before “From”." }} />,
    ).replaceAll("<!-- -->", "");
    const button = html.match(/<button[^>]*data-testid="export-menu"[^>]*>/)?.[0] ?? "";
    expect(button).toContain('disabled=""');
    const describedBy = button.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(html).toContain(`id="${describedBy}" class="text-right text-xs text-muted-foreground">Fix the filters to export: “To” must not be before “From”.</p>`);
  });
});
