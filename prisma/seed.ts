// `npm run db:seed` (also run by `npm run dev` and `npm run db:reset`): idempotent demo data.
// Uses DATABASE_URL, else the embedded dev database in .data/postgres.
import { PrismaPg } from "@prisma/adapter-pg";
import { openDevDatabase } from "@/dev/db/dev-database";
import { loadLocalEnv } from "@/dev/db/local-env";
import { PrismaClient } from "@/server/generated/prisma/client";
import { DEMO_USER_EMAIL, seedDemoData } from "./factories/demo";

// Its own client rather than @/server/db: a script, not a request, and no app env validation.
async function main() {
  loadLocalEnv();
  const database = await openDevDatabase({ databaseUrl: process.env.DATABASE_URL, reuseRunning: true });
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  try {
    const { workspace } = await seedDemoData(client);
    const appUrl = (process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, "");
    console.log(
      [
        `Seeded demo workspace "${workspace.name}" (/w/${workspace.slug}) owned by ${DEMO_USER_EMAIL}.`,
        `Sign in: open ${appUrl}/signin, enter ${DEMO_USER_EMAIL}, then open the magic link from ${appUrl}/dev/outbox`,
      ].join("\n"),
    );
  } finally {
    await client.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
