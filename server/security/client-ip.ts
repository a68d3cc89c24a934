import "server-only";
import { env, onVercel, type Env } from "@/server/env";

/**
 * Who tells us the client's address. On Vercel, its edge: it overwrites X-Forwarded-For and sets
 * x-vercel-forwarded-for to the address that connected to it, whatever the client sent. Elsewhere,
 * the reverse proxies in front of `next start` (TRUSTED_PROXY_COUNT), each appending the address of
 * its peer to X-Forwarded-For.
 */
export type ClientIpSource = { vercel: true } | { vercel: false; trustedProxies: number };

export function clientIpSource(e: Pick<Env, "VERCEL_ENV" | "TRUSTED_PROXY_COUNT"> = env): ClientIpSource {
  return onVercel(e) ? { vercel: true } : { vercel: false, trustedProxies: e.TRUSTED_PROXY_COUNT };
}

/**
 * The client's IP address as the deployment vouches for it, or null when nothing does. Anything a
 * client writes into X-Forwarded-For stays to the left of what the trusted proxies appended, so the
 * address is counted from the right. With no proxy, `next start` passes a client's own
 * X-Forwarded-For through untouched (it fills the header in only when absent), so no header can be
 * believed. A chain shorter than the proxies configured did not come through all of them.
 */
export function clientIp(headers: Headers, source: ClientIpSource = clientIpSource()): string | null {
  if (source.vercel) return entries(headers.get("x-vercel-forwarded-for"))[0] ?? null;
  const hops = entries(headers.get("x-forwarded-for"));
  if (source.trustedProxies === 0 || hops.length < source.trustedProxies) return null;
  return hops[hops.length - source.trustedProxies] ?? null;
}

function entries(header: string | null): string[] {
  return (header ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}
