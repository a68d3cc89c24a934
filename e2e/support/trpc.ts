// Raw tRPC calls as the browser's client sends them (superjson body, one procedure per request),
// for checking what the API answers when the UI offers no way to make the call.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import superjson from "superjson";

export function trpcMutation(request: APIRequestContext, procedure: string, input: unknown): Promise<APIResponse> {
  return request.post(`/api/trpc/${procedure}`, { data: superjson.serialize(input) });
}
