// The colour scheme a person chose: "system" follows the operating system's setting. Kept in a
// cookie so the server renders <html data-theme> with it and the first paint is already right.
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "meridian-theme";

export function themeOf(value: string | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}
