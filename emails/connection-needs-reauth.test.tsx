import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import ConnectionNeedsReauthEmail, { connectionNeedsReauthSubject, type ConnectionNeedsReauthEmailProps } from "./connection-needs-reauth";

const props: ConnectionNeedsReauthEmailProps = {
  workspaceName: "Acme Ops",
  connectionName: "acme.myshopify.com",
  providerLabel: "Shopify",
  reason: "Shopify token refresh: Shopify refused the refresh token (400) (invalid_grant)",
  reconnectUrl: "https://m.test/api/connections/shopify/install?workspace=acme&shop=acme.myshopify.com",
};

describe("ConnectionNeedsReauthEmail", () => {
  it("names the connection, says why, and links to the reconnect flow twice (button and plain address)", async () => {
    expect(connectionNeedsReauthSubject(props)).toBe("[Acme Ops] acme.myshopify.com needs to be reconnected");
    const html = await render(<ConnectionNeedsReauthEmail {...props} />);
    expect(html.match(/href="https:\/\/m\.test\/api\/connections\/shopify\/install\?workspace=acme&amp;shop=acme\.myshopify\.com"/g)).toHaveLength(2);
    const text = await render(<ConnectionNeedsReauthEmail {...props} />, { plainText: true });
    expect(text).toContain("RECONNECT ACME.MYSHOPIFY.COM");
    expect(text).toContain("Shopify said: Shopify token refresh: Shopify refused the refresh token (400) (invalid_grant)");
    expect(text).toContain("owner or admin of Acme Ops");
  });
});
