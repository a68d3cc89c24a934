// Every badge's text against its own background, in the light and the dark theme, computed from
// the colour tokens in app/globals.css: WCAG AA for small text (4.5:1). Badges are text-xs, so
// nothing less will do; axe measures the same on rendered pages, this catches a token change early.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BADGE_COLOURS } from "./badge";

const css = readFileSync(join(__dirname, "..", "..", "app", "globals.css"), "utf8");

/** The theme's tokens: light from the first declaration of each, dark from the last. */
function tokens(scheme: "light" | "dark"): Map<string, [number, number, number]> {
  const found = new Map<string, [number, number, number]>();
  for (const match of css.matchAll(/--color-([\w-]+):\s*oklch\(([\d.]+)\s+([\d.]+)\s+([\d.]+)\)/g)) {
    const [, name, l, c, h] = match;
    if (scheme === "light" && found.has(name!)) continue;
    found.set(name!, [Number(l), Number(c), Number(h)]);
  }
  return found;
}

// OKLCH → linear sRGB (Björn Ottosson's matrices), clipped to the gamut as a browser shows it.
function luminance([L, C, h]: [number, number, number]): number {
  const a = C * Math.cos((h * Math.PI) / 180);
  const b = C * Math.sin((h * Math.PI) / 180);
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  const r = clip(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
  const g = clip(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
  const bl = clip(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s);
  return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe.each(["light", "dark"] as const)("badge colours in the %s theme", (scheme) => {
  const theme = tokens(scheme);
  it.each(Object.entries(BADGE_COLOURS))("%s text is at least 4.5:1 on its background", (_, { text, background }) => {
    const ratio = contrast(theme.get(text)!, theme.get(background)!);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });
});
