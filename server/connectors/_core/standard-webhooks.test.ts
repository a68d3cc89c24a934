import { describe, expect, it } from "vitest";
import { verifyStandardWebhookSignature } from "./standard-webhooks";

// The Standard Webhooks specification's published test vector (spec/standard-webhooks.md).
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: "1614265330",
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const signedAt = Number(VECTOR.timestamp) * 1000;
const headers = (overrides: Record<string, string> = {}) =>
  new Headers({ "webhook-id": VECTOR.id, "webhook-timestamp": VECTOR.timestamp, "webhook-signature": VECTOR.signature, ...overrides });

describe("verifyStandardWebhookSignature", () => {
  it("accepts the published test vector, also among other signatures (a secret being rotated)", () => {
    expect(verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, headers(), signedAt)).toBeNull();
    const rotated = headers({ "webhook-signature": `v1,bm90IHRoaXMgb25lIGF0IGFsbCwgbm90IGF0IGFsbCE= ${VECTOR.signature}` });
    expect(verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, rotated, signedAt)).toBeNull();
  });

  it("refuses a changed body, id or timestamp, another secret and a missing header with 401", () => {
    const other = `whsec_${Buffer.from("another 24-byte secret!!").toString("base64")}`;
    const refused = [
      verifyStandardWebhookSignature(VECTOR.secret, '{"test": 2432232315}', headers(), signedAt),
      verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, headers({ "webhook-id": "msg_other" }), signedAt),
      verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, headers({ "webhook-timestamp": "1614265331" }), signedAt),
      verifyStandardWebhookSignature(other, VECTOR.body, headers(), signedAt),
      verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, headers({ "webhook-signature": "v2,whatever" }), signedAt),
    ];
    expect(refused).toEqual(Array(5).fill({ status: 401, reason: "invalid_signature" }));
    const unsigned = new Headers({ "webhook-id": VECTOR.id, "webhook-timestamp": VECTOR.timestamp });
    expect(verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, unsigned, signedAt)).toEqual({ status: 401, reason: "missing_signature" });
  });

  it("refuses a correctly signed delivery whose timestamp is more than 5 minutes from now, either way", () => {
    for (const now of [signedAt + 5 * 60_000 + 1000, signedAt - 5 * 60_000 - 1000]) {
      expect(verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, headers(), now)).toEqual({ status: 401, reason: "stale_timestamp" });
    }
    expect(verifyStandardWebhookSignature(VECTOR.secret, VECTOR.body, headers(), signedAt + 4 * 60_000)).toBeNull();
  });
});
