"use client";

import { useEffect } from "react";
import { LAST_WORKSPACE_COOKIE } from "./last-workspace";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

// Layouts cannot set cookies during render, so the browser records the visit.
export function RememberWorkspace({ slug }: { slug: string }) {
  useEffect(() => {
    document.cookie = `${LAST_WORKSPACE_COOKIE}=${encodeURIComponent(slug)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
  }, [slug]);
  return null;
}
