import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/index";
import { env } from "@/server/env";

// Outside dev mode the SDK refuses call requests whose X-Inngest-Signature does not verify
// against the signing key (or its fallback, during key rotation).
export const { GET, POST, PUT } = serve({
  client: inngest,
  functions,
  ...(env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}),
  ...(env.INNGEST_SIGNING_KEY_FALLBACK ? { signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK } : {}),
});

// Steps of long syncs may run for minutes; Vercel's default limit would cut them short.
export const maxDuration = 300;
