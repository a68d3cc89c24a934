// Attacker probes on the sign-in form's server action, which only runs under Next itself (the same
// probes against Auth.js's own endpoint, and the client-IP ones, are in
// server/api/security-sign-in.test.ts).
import { E2E_APP_URL } from "@/dev/e2e/server-info";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { emailLink } from "../support/mail";

const EVIL = "evil.example";

test("a sign-in sent with a forged X-Forwarded-Host mails a link to the app's own URL", async ({ page, request, uniqueEmail }) => {
  const email = uniqueEmail("poison");
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  const [action] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/signin"),
    page.getByRole("button", { name: "Email me a sign-in link" }).click(),
  ]);
  await expect(page).toHaveURL(/\/verify-request(\?|$)/);

  // The attacker replays the form's action from a script, naming its own host and an Origin to
  // match it, so Next's CSRF check passes (a browser cannot set Origin; a script can).
  const since = new Date();
  const { host: _host, "content-length": _length, ...headers } = await action.allHeaders();
  const replay = await request.post("/signin", {
    headers: { ...headers, "x-forwarded-host": EVIL, origin: `http://${EVIL}` },
    data: action.postDataBuffer()!,
    maxRedirects: 0,
  });
  expect(replay.status()).toBeLessThan(400);

  const [mail] = await query<{ subject: string }>(`SELECT subject FROM "EmailOutbox" WHERE "to" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [email]);
  expect(mail?.subject).toBe(`Sign in to Meridian (${new URL(E2E_APP_URL).host})`);
  const link = await emailLink({ to: email, template: "magic-link", since, linkPattern: /\/api\/auth\/callback\/email\?/ });
  expect(new URL(link).origin).toBe(E2E_APP_URL);
});

test("the form tells an address whose sign-in window is full how long to wait", async ({ page, uniqueEmail }) => {
  const email = uniqueEmail("limited");
  // The e2e server allows many attempts (specs sign in often): fill this address's window directly.
  await query(`INSERT INTO "RateLimitBucket" ("key", "count", "resetAt") VALUES ($1, 1000000, now() + interval '10 minutes')`, [`signin:email:${email}`]);

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Too many sign-in attempts. Try again in 10 minutes.")).toBeVisible();
  expect(await query(`SELECT 1 FROM "EmailOutbox" WHERE "to" = $1`, [email])).toHaveLength(0);
});

test("a sign-in form posted from another site is refused with a 403 that says why", async ({ request }) => {
  // What a cross-site <form method=post> sends (no JavaScript: a multipart post), and what a
  // script's fetch of the action sends.
  const fromForm = await request.post("/signin", { headers: { origin: `https://${EVIL}` }, multipart: { email: "victim@example.com" } });
  const fromFetch = await request.post("/signin", {
    headers: { origin: `https://${EVIL}`, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
    data: '[{"email":"victim@example.com"}]',
  });
  for (const response of [fromForm, fromFetch]) {
    expect(response.status()).toBe(403);
    expect(await response.text()).toMatch(/sent from another site/);
  }
});
