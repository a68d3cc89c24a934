import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/server/env";
import { parseEncryptionKeys, type EncryptionKeyring } from "./encryption-keys";

// Credentials at rest: AES-256-GCM, one random 96-bit IV per value. The key id travels with the
// ciphertext (`v1:<keyId>:<iv>:<tag>:<ciphertext>`, base64url parts), so keys rotate by putting
// a new key first in ENCRYPTION_KEYS: old values still decrypt with the older key, and anything
// re-encrypted uses the new one.

export type { EncryptionKeyring } from "./encryption-keys";

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {}

let defaultKeyring: EncryptionKeyring | undefined;
function keyringFromEnv(): EncryptionKeyring {
  defaultKeyring ??= parseEncryptionKeys(env.ENCRYPTION_KEYS);
  return defaultKeyring;
}

export function encryptString(plaintext: string, keyring: EncryptionKeyring = keyringFromEnv()): string {
  const key = keyring.keys.get(keyring.currentKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyring.currentKeyId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptString(value: string, keyring: EncryptionKeyring = keyringFromEnv()): string {
  const parts = value.split(":");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError("Not a Meridian ciphertext (expected v1:<keyId>:<iv>:<tag>:<data>)");
  const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
  const key = keyring.keys.get(keyId);
  if (!key) throw new DecryptionError(`Encrypted with key "${keyId}", which is not in ENCRYPTION_KEYS`);
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new DecryptionError("Malformed ciphertext");
  try {
    const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    // GCM cannot tell a wrong key from altered data: both fail the tag check.
    throw new DecryptionError(`Could not decrypt with key "${keyId}": the data was altered or the key is wrong`, { cause: error });
  }
}

export function encryptJson(value: unknown, keyring?: EncryptionKeyring): string {
  return encryptString(JSON.stringify(value), keyring);
}

export function decryptJson(value: string, keyring?: EncryptionKeyring): unknown {
  return JSON.parse(decryptString(value, keyring));
}

/** True when the value was made with an older key and should be re-encrypted with the current one. */
export function encryptedWithOldKey(value: string, keyring: EncryptionKeyring = keyringFromEnv()): boolean {
  return value.split(":", 2)[1] !== keyring.currentKeyId;
}
