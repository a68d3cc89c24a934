import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PROPERTY, SECOND_PROPERTY, startGa4Sandbox, type Ga4Sandbox } from "@/dev/sandbox/ga4";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { sessionCookieFor } from "@/server/api/test-http";
import { db } from "@/server/db";
import { appUrl } from "@/server/env";
import { GET as callbackRoute } from "../callback/route";
import { GET as installRoute } from "../install/route";
import { POST as accountRoute } from "./route";

// A Google sign-in whose account reads two GA4 properties, through the routes as a browser meets
// them: install → the sandbox's consent page → callback (nothing stored; the grant waits in its
// cookie) → the picked property posted here → the connection, and the cookie cleared.

const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/ga4-sandbox-env")).pointGa4AtFreePort() }));

let sandbox: Ga4Sandbox;
let harness: InngestHarness;
beforeAll(async () => {
  sandbox = await startGa4Sandbox({ seed: "ga4-account-route", shop: { seed: 7, volume: { orders: 10 }, epoch: Date.UTC(2026, 9, 15) }, port: SANDBOX_PORT });
  harness = await withInngestRunner(inngest, []);
});
afterAll(async () => {
  await harness?.stop();
  await sandbox?.stop();
});

const APP = appUrl();
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;

/** The person's trip through Google's consent: the callback's answer. */
async function consentedCallback(session: string, slug: string): Promise<Response> {
  const install = await installRoute(new Request(`${APP}/api/connections/ga4/install?workspace=${slug}`, { headers: { cookie: session } }), { params: Promise.resolve({ provider: "ga4" }) });
  const consent = new URL(install.headers.get("location")!);
  const approved = await fetch(consent.origin + consent.pathname, { method: "POST", body: consent.searchParams, redirect: "manual" });
  const callback = approved.headers.get("location")!;
  return callbackRoute(new Request(callback, { headers: { cookie: `${session}; ${cookieOf(install)}` } }), { params: Promise.resolve({ provider: "ga4" }) });
}

const pick = (cookie: string, account: string | null) =>
  accountRoute(new Request(`${APP}/api/connections/ga4/account`, { method: "POST", headers: { cookie }, body: new URLSearchParams(account === null ? {} : { account }) }), { params: Promise.resolve({ provider: "ga4" }) });

describe("the property picked after Google's consent", () => {
  it("stores nothing until the person picks, then connects the pick and clears the waiting grant", async () => {
    const { owner, workspace } = await buildWorkspaceWithOwner("GA4 Route");
    const session = await sessionCookieFor(owner.id);
    const callback = await consentedCallback(session, workspace.slug);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${APP}/connect/ga4/account`);
    const pending = callback.headers.getSetCookie().find((c) => c.startsWith("meridian_connect_choice="))!;
    expect(pending).toMatch(/; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax/);
    expect(await db.connection.count({ where: { workspaceId: workspace.id, provider: "GA4" } })).toBe(0);

    // A post without a pick names the field.
    const unpicked = await pick(`${session}; ${pending.split(";")[0]}`, null);
    expect(unpicked.status).toBe(400);
    expect(await unpicked.text()).toMatch(/^account: /);

    const picked = await pick(`${session}; ${pending.split(";")[0]}`, SECOND_PROPERTY.id);
    expect(picked.status).toBe(303);
    expect(picked.headers.get("location")).toBe(`${APP}/w/${workspace.slug}/connections?${new URLSearchParams({ connected: `GA4 · ${SECOND_PROPERTY.displayName}` })}`);
    expect(picked.headers.get("set-cookie")).toMatch(/^meridian_connect_choice=; Path=\/; Max-Age=0/);
    const row = await db.connection.findFirstOrThrow({ where: { workspaceId: workspace.id, provider: "GA4" } });
    expect(row).toMatchObject({ authMethod: "OAUTH", externalAccountId: `properties/${SECOND_PROPERTY.id}` });
  });

  it("without the waiting grant, or signed out, nothing is connected and the error page says why", async () => {
    const { owner, workspace } = await buildWorkspaceWithOwner("GA4 Route Missing");
    const session = await sessionCookieFor(owner.id);
    const reason = (response: Response) => new URL(response.headers.get("location")!).searchParams.get("reason");
    expect(reason(await pick(session, DEMO_PROPERTY.id))).toBe("choice_missing");
    const callback = await consentedCallback(session, workspace.slug);
    const pending = callback.headers.getSetCookie().find((c) => c.startsWith("meridian_connect_choice="))!.split(";")[0]!;
    expect(reason(await pick(pending, DEMO_PROPERTY.id))).toBe("signed_out");
    expect(await db.connection.count({ where: { workspaceId: workspace.id, provider: "GA4" } })).toBe(0);
  });
});
