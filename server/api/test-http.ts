import { randomBytes } from "node:crypto";
import superjson from "superjson";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { db } from "@/server/db";

// Test support: a query over tRPC's HTTP handler as /api/trpc serves it (its status codes and error
// bodies), signed in through a real session row.

export type TrpcErrorBody = { error: { json: { message: string; data: { httpStatus: number; zodError: { fieldErrors: Record<string, string[]> } | null } } } };

export async function sessionCookieFor(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 86_400_000) } });
  return `authjs.session-token=${sessionToken}`;
}

export async function trpcHttpQuery(cookie: string, path: string, input: Record<string, unknown>) {
  const query = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const req = new Request(`http://localhost/api/trpc/${path}?input=${query}`, { headers: { cookie } });
  const response = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createTRPCContext({ headers: req.headers }) });
  return { status: response.status, body: (await response.json()) as TrpcErrorBody };
}
