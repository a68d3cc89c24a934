"use client";

import { createContext, use, useState, type ReactNode } from "react";
import { THEME_COOKIE, type Theme } from "./theme";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

const ThemeContext = createContext<{ theme: Theme; setTheme: (theme: Theme) => void } | null>(null);

// The root layout renders <html data-theme> from the cookie; a change here updates the attribute
// at once (the CSS does the rest) and the cookie, so the next server render agrees.
export function ThemeProvider({ initialTheme, children }: { initialTheme: Theme; children: ReactNode }) {
  const [theme, setThemeState] = useState(initialTheme);
  const setTheme = (next: Theme) => {
    setThemeState(next);
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
  };
  return <ThemeContext value={{ theme, setTheme }}>{children}</ThemeContext>;
}

export function useTheme() {
  const value = use(ThemeContext);
  if (!value) throw new Error("useTheme must be used inside <ThemeProvider>");
  return value;
}
