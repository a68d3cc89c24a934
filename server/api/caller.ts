import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createContextForSession } from "@/server/api/trpc";
import { auth } from "@/server/auth";

// One context per request, however many server components call `api()`; it reuses the request's
// cached auth() that pages already ran for requireUser(), so a render looks the session up once.
const createContext = cache(async () => createContextForSession(await auth(), new Headers(await headers())));

export const api = cache(async () => createCaller(await createContext()));
