// Parsing of ENCRYPTION_KEYS (`<id>:<base64 key>,<id>:<base64 key>,...`). Kept free of server
// imports so server/env.ts can validate the variable with it at start-up.

export type EncryptionKeyring = {
  /** The key new ciphertexts are made with: the first in the list. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
};

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

// A fixed, public key so development data survives restarts; server/env.ts refuses to run
// production without a real ENCRYPTION_KEYS.
export const DEV_ENCRYPTION_KEYS = `dev:${Buffer.alloc(KEY_BYTES, "meridian-dev-only-encryption-key").toString("base64")}`;

export class EncryptionKeysError extends Error {}

export function parseEncryptionKeys(spec: string): EncryptionKeyring {
  const entries = spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (entries.length === 0) throw new EncryptionKeysError("no keys: expected `<id>:<base64 32-byte key>[,<id>:<key>...]`");

  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const separator = entry.indexOf(":");
    const id = separator === -1 ? "" : entry.slice(0, separator);
    if (!KEY_ID.test(id)) throw new EncryptionKeysError(`each entry is <id>:<base64 key> with an id of [A-Za-z0-9_-]{1,32}`);
    if (keys.has(id)) throw new EncryptionKeysError(`key id "${id}" appears twice`);
    const key = Buffer.from(entry.slice(separator + 1), "base64");
    if (key.length !== KEY_BYTES) {
      throw new EncryptionKeysError(`key "${id}" must be ${KEY_BYTES} bytes of base64 (openssl rand -base64 32), got ${key.length}`);
    }
    keys.set(id, key);
  }
  return { currentKeyId: entries[0]!.slice(0, entries[0]!.indexOf(":")), keys };
}
