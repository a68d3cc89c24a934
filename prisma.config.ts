import { defineConfig } from "prisma/config";

// The CLI reads the URL only for commands that talk to a database; generate needs none.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/meridian" },
});
