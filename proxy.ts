import type { NextRequest } from "next/server";
import { authProxy } from "@/server/auth/proxy";

export function proxy(request: NextRequest) {
  return authProxy(request);
}

export const config = {
  // Route handlers, Next.js internals and static files never need the session check.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
