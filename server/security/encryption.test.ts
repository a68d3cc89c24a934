import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptJson, DecryptionError, encryptedWithOldKey, encryptJson, encryptString, decryptString } from "./encryption";
import { EncryptionKeysError, parseEncryptionKeys } from "./encryption-keys";

const key = () => randomBytes(32).toString("base64");
const k1 = key();
const k2 = key();
const credentials = { accessToken: "shpat_secret", refreshToken: "shprt_secret", scopes: ["read_orders"] };

describe("credential encryption", () => {
  it("round-trips JSON and never shows the plaintext", () => {
    const keyring = parseEncryptionKeys(`k1:${k1}`);
    const sealed = encryptJson(credentials, keyring);
    expect(sealed).toMatch(/^v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain("shpat_secret");
    expect(decryptJson(sealed, keyring)).toEqual(credentials);
    // A fresh IV each time: equal plaintexts do not give equal ciphertexts.
    expect(encryptJson(credentials, keyring)).not.toBe(sealed);
  });

  it("detects tampering with the data, the tag or the IV", () => {
    const keyring = parseEncryptionKeys(`k1:${k1}`);
    const sealed = encryptString("top secret", keyring);
    const parts = sealed.split(":");
    const flip = (s: string) => {
      const bytes = Buffer.from(s, "base64url");
      bytes[0]! ^= 1;
      return bytes.toString("base64url");
    };
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((p, i) => (i === index ? flip(p) : p)).join(":");
      expect(() => decryptString(tampered, keyring)).toThrow(DecryptionError);
    }
    expect(() => decryptString("v1:k1:short", keyring)).toThrow(/Not a Meridian ciphertext/);
  });

  it("rotates: the old key id still decrypts, re-encryption uses the new key", () => {
    const before = parseEncryptionKeys(`k1:${k1}`);
    const old = encryptJson(credentials, before);

    const after = parseEncryptionKeys(`k2:${k2},k1:${k1}`);
    expect(after.currentKeyId).toBe("k2");
    expect(decryptJson(old, after)).toEqual(credentials);
    expect(encryptedWithOldKey(old, after)).toBe(true);

    const renewed = encryptJson(decryptJson(old, after), after);
    expect(renewed.startsWith("v1:k2:")).toBe(true);
    expect(encryptedWithOldKey(renewed, after)).toBe(false);
    // Once k1 is retired, only the re-encrypted value is readable.
    const retired = parseEncryptionKeys(`k2:${k2}`);
    expect(decryptJson(renewed, retired)).toEqual(credentials);
    expect(() => decryptJson(old, retired)).toThrow('Encrypted with key "k1", which is not in ENCRYPTION_KEYS');
  });

  it("fails clearly with the wrong key under the same id", () => {
    const sealed = encryptString("x", parseEncryptionKeys(`k1:${k1}`));
    expect(() => decryptString(sealed, parseEncryptionKeys(`k1:${k2}`))).toThrow(
      'Could not decrypt with key "k1": the data was altered or the key is wrong',
    );
  });

  it("rejects malformed key lists", () => {
    expect(() => parseEncryptionKeys("")).toThrow(EncryptionKeysError);
    expect(() => parseEncryptionKeys(`k1:${randomBytes(16).toString("base64")}`)).toThrow(/must be 32 bytes/);
    expect(() => parseEncryptionKeys(`k1:${k1},k1:${k2}`)).toThrow(/appears twice/);
    expect(() => parseEncryptionKeys(k1)).toThrow(EncryptionKeysError);
  });

  it("uses the environment's keyring by default (the development key in tests)", () => {
    expect(decryptJson(encryptJson(credentials))).toEqual(credentials);
  });
});
