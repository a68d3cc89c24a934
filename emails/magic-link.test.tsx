import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import InvitationEmail from "./invitation";
import MagicLinkEmail, { magicLinkSubject } from "./magic-link";

const url = "https://preview-123.meridian.test/api/auth/callback/email?callbackUrl=%2F&token=t0k&email=a%40b.test";

describe("MagicLinkEmail", () => {
  it("puts the sign-in URL in the button and as a pasteable link, with the expiry", async () => {
    const html = await render(<MagicLinkEmail url={url} host="preview-123.meridian.test" expiresInMinutes={15} />);
    const escaped = url.replace(/&/g, "&amp;");
    expect(html.match(new RegExp(`href="${escaped.replace(/[.?*+^$()|[\]\\]/g, "\\$&")}"`, "g"))).toHaveLength(2);

    const text = await render(<MagicLinkEmail url={url} host="preview-123.meridian.test" expiresInMinutes={15} />, { plainText: true });
    expect(text).toContain(url);
    expect(text).toContain("expires in 15 minutes");
  });

  it("names the deployment in the subject", () => {
    expect(magicLinkSubject({ host: "preview-123.meridian.test" })).toBe("Sign in to Meridian (preview-123.meridian.test)");
  });
});

describe("InvitationEmail", () => {
  it("shows workspace, inviter, role, accept link and the 7-day expiry", async () => {
    const text = await render(
      <InvitationEmail workspaceName="Acme" inviterName="Grace" role="ADMIN" acceptUrl="https://m.test/invite/abc" expiresInDays={7} />,
      { plainText: true },
    );
    expect(text).toContain("Grace invited you to join Acme as an admin");
    expect(text).toContain("https://m.test/invite/abc");
    expect(text).toContain("expires in 7 days");
  });
});
