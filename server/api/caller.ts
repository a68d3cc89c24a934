import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

// One context (and one auth() lookup) per request, however many server components call `api()`.
const createContext = cache(async () => createTRPCContext({ headers: new Headers(await headers()) }));

export const api = cache(async () => createCaller(await createContext()));
