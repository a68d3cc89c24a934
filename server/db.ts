import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";
import { env } from "@/server/env";

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }) });
}

// One client per process; dev hot reload would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { meridianDb?: ReturnType<typeof createClient> };
export const db = globalForDb.meridianDb ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.meridianDb = db;

export type Db = typeof db;
