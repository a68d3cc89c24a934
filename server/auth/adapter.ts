import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import type { Db } from "@/server/db";

// The generated Prisma 7 client (server/generated/prisma) is not the `@prisma/client` type the
// adapter declares, but it has the delegates the adapter calls (user, account, session,
// verificationToken) with the fields of Auth.js's schema; adapter.test.ts round-trips it.
export function createAuthAdapter(client: Db): Adapter {
  return PrismaAdapter(client as unknown as Parameters<typeof PrismaAdapter>[0]);
}
