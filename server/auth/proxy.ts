import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath, SESSION_COOKIE_NAMES, signInUrlFor } from "./paths";

// With database sessions the proxy cannot validate a session without a query per request, so it
// only checks that a session cookie is present: a quick bounce for visitors who are plainly
// signed out. The real check is `requireUser()` in layouts and pages, which also catches expired
// or forged cookies.
export function authProxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  if (SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) return NextResponse.next();
  return NextResponse.redirect(new URL(signInUrlFor(`${pathname}${search}`), request.url));
}
