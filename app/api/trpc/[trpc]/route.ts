import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE } from "@/components/trpc/batch-limit";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    // Answers are per person (member lists carry emails, errors name workspaces): no shared cache
    // may keep one, and the browser need not either.
    responseMeta: () => ({ headers: new Headers({ "cache-control": "private, no-store" }) }),
  });
}

export { handler as GET, handler as POST };
