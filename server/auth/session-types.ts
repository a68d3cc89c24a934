import type { DefaultSession } from "next-auth";

// Every signed-in user has an id and an email (User.email is required in the schema, and the
// session callback copies both), so code reading the session need not null-check them.
declare module "next-auth" {
  interface Session {
    user: { id: string; email: string } & DefaultSession["user"];
  }
}
