import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Lints source strings under made-up paths, so each case checks the zone its path falls in.
const eslint = new ESLint({ cwd: process.cwd() });

async function zoneErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((m) => m.message);
}

describe("ESLint dependency zones", () => {
  // Loading the config and its plugins takes seconds on a busy machine; pay it once, untimed.
  beforeAll(() => eslint.lintText("", { filePath: "warm-up.ts" }), 60_000);

  it.each([
    ["components/x/widget.tsx", `import { db } from "@/server/db";\nexport const w = db;\n`],
    ["components/x/widget.tsx", `import { db } from "../../server/db";\nexport const w = db;\n`],
    ["components/x/widget.tsx", `import { appRouter } from "@/server/api/root";\nexport const r = appRouter;\n`],
    ["emails/invite.tsx", `import { env } from "@/server/env";\nexport const e = env;\n`],
    ["inngest/functions/sync.ts", `import { db } from "@/server/db";\nexport const d = db;\n`],
    ["server/connectors/shopify/client.ts", `import { x } from "@/server/services/orders/x";\nexport const y = x;\n`],
    ["server/services/orders/x.ts", `import { sandbox } from "@/dev/sandbox/shopify";\nexport const y = sandbox;\n`],
    ["server/services/orders/x.ts", `import Page from "@/app/page";\nexport const y = Page;\n`],
    // app/ reaches connectors and ingest only through services.
    ["app/(app)/w/[slug]/x/page.tsx", `import { authorizeUrl } from "@/server/connectors/shopify/oauth";\nexport const a = authorizeUrl;\n`],
    ["app/api/x/route.ts", `import { connectors } from "@/server/connectors/registry";\nexport const c = connectors;\n`],
    ["app/api/x/route.ts", `import { ingestRecords } from "../../../server/ingest";\nexport const i = ingestRecords;\n`],
    // Elsewhere in server/, a connector only through its index, the registry, providers and _core/.
    ["server/services/sync/x.ts", `import { bulk } from "@/server/connectors/shopify/bulk";\nexport const b = bulk;\n`],
    ["server/services/sync/x.ts", `import { mapper } from "../../connectors/shopify/mapper";\nexport const m = mapper;\n`],
    ["server/ingest/x.ts", `import { streams } from "../connectors/shopify/streams";\nexport const s = streams;\n`],
    ["server/api/routers/x.ts", `import type { Tokens } from "@/server/connectors/shopify/oauth";\nexport type T = Tokens;\n`],
    // The Inngest SDK and the app's functions only under inngest/ (and the route that serves them).
    ["server/services/jobs/x.ts", `import { NonRetriableError } from "inngest";\nexport const e = NonRetriableError;\n`],
    ["server/services/jobs/x.ts", `import { inngest } from "@/inngest/client";\nexport const i = inngest;\n`],
    ["server/services/jobs/x.ts", `import { realtime } from "@inngest/realtime";\nexport const r = realtime;\n`],
    ["app/api/x/route.ts", `import { serve } from "inngest/next";\nexport const s = serve;\n`],
    ["components/x/widget.tsx", `import { events } from "@/inngest/events";\nexport const e = events;\n`],
    ["emails/x.tsx", `import { eventType } from "inngest";\nexport const e = eventType;\n`],
    ["server/connectors/acme/x.ts", `import { RetryAfterError } from "inngest";\nexport const e = RetryAfterError;\n`],
  ])("refuses case %# in %s", async (filePath, code) => {
    expect(await zoneErrors(filePath, code)).toHaveLength(1);
  });

  it.each([
    ["components/x/widget.tsx", `import type { AppRouter } from "@/server/api/root";\nexport type R = AppRouter;\n`],
    ["components/x/form.tsx", `import { createInput } from "@/server/services/workspaces/schema";\nexport const s = createInput;\n`],
    ["components/x/menu.tsx", `import { can } from "@/server/auth/permissions";\nexport const c = can;\n`],
    ["inngest/functions/sync.ts", `import { run } from "@/server/services/sync/run-sync";\nexport const r = run;\n`],
    ["server/services/orders/x.test.ts", `import { sandbox } from "@/dev/sandbox/shopify";\nexport const y = sandbox;\n`],
    ["dev/start.ts", `import { db } from "@/server/db";\nexport const d = db;\n`],
    ["app/api/x/route.ts", `import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";\nexport const r = receiveWebhook;\n`],
    // Tests may reach connector internals and drive the job runner's SDK.
    ["app/api/x/route.test.ts", `import { exchangeCodeForToken } from "@/server/connectors/shopify/oauth";\nexport const x = exchangeCodeForToken;\n`],
    ["server/services/jobs/x.test.ts", `import { inngest } from "@/inngest/client";\nimport { NonRetriableError } from "inngest";\nexport const i = [inngest, NonRetriableError];\n`],
    ["server/services/sync/x.ts", `import { shopifyConnector } from "@/server/connectors/shopify";\nexport const c = shopifyConnector;\n`],
    ["server/services/sync/x.ts", `import { connectorFor } from "@/server/connectors/registry";\nexport const c = connectorFor;\n`],
    ["server/services/sync/x.ts", `import { PermanentError } from "@/server/connectors/_core/errors";\nexport const e = PermanentError;\n`],
    ["server/services/sync/x.ts", `import { PROVIDERS } from "@/server/connectors/providers";\nexport const p = PROVIDERS;\n`],
    ["server/connectors/acme/index.ts", `import { acmeStreams } from "./streams";\nexport const s = acmeStreams;\n`],
    ["inngest/functions/x.ts", `import { NonRetriableError } from "inngest";\nexport const e = NonRetriableError;\n`],
    ["inngest/job-runner.ts", `import { inngest } from "@/inngest/client";\nexport const i = inngest;\n`],
    ["app/api/inngest/route.ts", `export { GET, POST, PUT } from "@/inngest/serve";\n`],
  ])("allows case %# in %s", async (filePath, code) => {
    expect(await zoneErrors(filePath, code)).toEqual([]);
  });
});
