import { NextResponse, type NextRequest } from "next/server";
import { isForeignOriginPost } from "./foreign-origin";
import { isPublicPath, SESSION_COOKIE_NAMES, signInUrlFor } from "./paths";

const FOREIGN_ORIGIN_MESSAGE = "This form was sent from another site. Open the page on this site and submit it again.";

// A cross-site form post is refused with a 403 (Next.js would answer it with a 500). Then, with
// database sessions the proxy cannot validate a session without a query per request, so it only
// checks that a session cookie is present: a quick bounce for visitors who are plainly signed out.
// The real check is `requireUser()` in layouts and pages, which also catches expired or forged
// cookies.
export function authProxy(request: NextRequest): NextResponse {
  if (isForeignOriginPost(request)) {
    return new NextResponse(FOREIGN_ORIGIN_MESSAGE, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  if (SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) return NextResponse.next();
  return NextResponse.redirect(new URL(signInUrlFor(`${pathname}${search}`), request.url));
}
