import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { FormatsProvider } from "./formats";
import { RelativeDays, Time } from "./time";

const AT = new Date("2026-12-02T22:04:05.120Z");
const LOS_ANGELES = { locale: "en-US", timeZone: "America/Los_Angeles" };
const zoneBefore = process.env.TZ;

/** What the component renders with the process (a server, or a browser) in `processZone`. */
function renderedIn(processZone: string, element: React.ReactElement): string {
  process.env.TZ = processZone;
  return renderToString(<FormatsProvider formats={LOS_ANGELES}>{element}</FormatsProvider>);
}

afterEach(() => {
  process.env.TZ = zoneBefore;
});

describe("<Time>", () => {
  it("renders the workspace zone's time, named, with the exact instant, whatever zone renders it", () => {
    const inTokyo = renderedIn("Asia/Tokyo", <Time value={AT} />);
    expect(renderedIn("America/New_York", <Time value={AT} />)).toBe(inTokyo);
    expect(inTokyo).toBe('<time dateTime="2026-12-02T14:04:05.120-08:00" title="2026-12-02T14:04:05.120-08:00 (America/Los_Angeles)">Dec 2, 2026, 2:04 PM PST</time>');
  });

  it("renders the workspace zone's day with `date`", () => {
    const late = new Date("2026-12-03T05:00:00Z"); // Dec 2, 9 PM in Los Angeles; Dec 3 in Tokyo
    expect(renderedIn("Asia/Tokyo", <Time value={late} date />)).toContain(">Dec 2, 2026</time>");
  });
});

describe("<RelativeDays>", () => {
  it("renders the day, not a relative wording that depends on the renderer's clock, until mounted", () => {
    expect(renderedIn("Asia/Tokyo", <RelativeDays value={AT} />)).toContain(">Dec 2, 2026</time>");
  });
});
