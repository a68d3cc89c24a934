import { Resend } from "resend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startResendSandbox, type ResendSandbox } from "./server";

// The local Resend answers the real `resend` client the way Resend documents its API.
let sandbox: ResendSandbox;
beforeAll(async () => {
  sandbox = await startResendSandbox({ apiKey: "re_sandbox_key" });
});
afterAll(() => sandbox.stop());

const client = (key = "re_sandbox_key") => new Resend(key, { baseUrl: sandbox.url });
const message = { from: "Meridian <noreply@meridian.test>", to: "someone@example.test", subject: "Hello", html: "<p>Hi</p>", text: "Hi" };

describe("the local Resend", () => {
  it("accepts an email with the API key and keeps it for tests to read, over HTTP too", async () => {
    const { data, error } = await client().emails.send({ ...message, tags: [{ name: "template", value: "invitation" }] });
    expect(error).toBeNull();
    expect(sandbox.emails({ to: "Someone@Example.test" })).toEqual([
      expect.objectContaining({ id: data!.id, to: ["someone@example.test"], subject: "Hello", html: "<p>Hi</p>", text: "Hi", tags: [{ name: "template", value: "invitation" }] }),
    ]);
    const listed = (await (await fetch(`${sandbox.url}/_sandbox/emails?to=someone@example.test`)).json()) as { data: Array<{ id: string }> };
    expect(listed.data.map((email) => email.id)).toEqual([data!.id]);
  });

  it("refuses a wrong API key and a missing field with Resend's errors", async () => {
    expect((await client("re_other").emails.send({ ...message, to: "nobody@example.test" })).error).toMatchObject({ name: "invalid_api_key", statusCode: 403 });
    const noSubject = await client().emails.send({ ...message, to: "nobody@example.test", subject: undefined as unknown as string });
    expect(noSubject.error).toMatchObject({ name: "missing_required_field", statusCode: 422, message: "Missing `subject` field." });
    const unauthenticated = await fetch(`${sandbox.url}/emails`, { method: "POST", body: JSON.stringify(message) });
    expect([unauthenticated.status, ((await unauthenticated.json()) as { name: string }).name]).toEqual([401, "missing_api_key"]);
    expect(sandbox.emails({ to: "nobody@example.test" })).toEqual([]);
  });

  it("answers a repeated idempotency key with the first email's id, and refuses it for another payload", async () => {
    const to = "once@example.test";
    const first = await client().emails.send({ ...message, to }, { idempotencyKey: "email-outbox/1" });
    const again = await client().emails.send({ ...message, to }, { idempotencyKey: "email-outbox/1" });
    expect(again.data?.id).toBe(first.data!.id);
    expect(sandbox.emails({ to })).toHaveLength(1);

    const changed = await client().emails.send({ ...message, to, subject: "Changed" }, { idempotencyKey: "email-outbox/1" });
    expect(changed.error).toMatchObject({ name: "invalid_idempotent_request", statusCode: 409 });
    expect(sandbox.emails({ to })).toHaveLength(1);
  });
});
