// Loads .env files the way `next dev` does (first file wins, real environment beats all), so
// the dev tools and the app agree on DATABASE_URL and friends.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const repoRoot = resolve(__dirname, "..", "..");
const FILES = [".env.development.local", ".env.local", ".env.development", ".env"];

export function loadLocalEnv(): void {
  for (const file of FILES) {
    const path = join(repoRoot, file);
    if (existsSync(path)) process.loadEnvFile(path);
  }
}
