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
  ])("allows case %# in %s", async (filePath, code) => {
    expect(await zoneErrors(filePath, code)).toEqual([]);
  });
});
