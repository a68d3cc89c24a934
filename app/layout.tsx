import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { themeOf, THEME_COOKIE } from "@/components/theme/theme";
import { ThemeProvider } from "@/components/theme/theme-provider";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { ToastProvider } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Meridian", template: "%s · Meridian" },
  description: "Operations hub for multi-channel commerce teams.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-dvh">
        <ThemeProvider initialTheme={theme}>
          <TRPCReactProvider>
            <ToastProvider>{children}</ToastProvider>
          </TRPCReactProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
