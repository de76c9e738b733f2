/**
 * API tokens for the HTTP API's writes. A token reads `wdt_<id>_<secret>`: the id says which token was used
 * (it can be logged and listed), the secret is 32 random bytes shown once when the token is made. The store
 * keeps only a SHA-256 of the secret — a fast hash is right here because the secret is random, not a
 * password — and a presented token is checked by comparing hashes in constant time.
 */
// Through the module object (not named imports), so a test can observe that the comparison is timingSafeEqual.
import crypto from "node:crypto";
import { WatchdeskError } from "../errors.js";
import type { Store, StoredToken } from "../store/types.js";

const TOKEN_PATTERN = /^wdt_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface CreatedToken {
  id: string;
  name: string;
  createdAt: string;
  /** The whole token: shown once, never stored. */
  token: string;
}

/** What a verified token tells the server: which token it was (never its secret). */
export interface TokenIdentity {
  id: string;
  name: string;
}

function hashSecret(secret: string): Buffer {
  return crypto.createHash("sha256").update(secret, "utf8").digest();
}

export async function createToken(store: Store, name = "desk"): Promise<CreatedToken> {
  const label = name.trim();
  if (!label || label.length > 100 || /[\u0000-\u001f]/.test(label)) {
    throw new WatchdeskError("BAD_TOKEN_NAME", "a token name must be 1 to 100 printable characters", {
      input: JSON.stringify(name),
      hint: 'name it after who uses it, e.g. --name "night desk"',
      exitCode: 2,
    });
  }
  const id = crypto.randomBytes(8).toString("hex");
  const secret = crypto.randomBytes(32).toString("base64url");
  const createdAt = new Date().toISOString();
  await store.saveToken({
    id,
    name: label,
    hash: hashSecret(secret).toString("hex"),
    createdAt,
    revokedAt: null,
  });
  return { id, name: label, createdAt, token: `wdt_${id}_${secret}` };
}

/** A fixed hash compared against when the id is unknown, so a miss costs the same as a wrong secret. */
const DUMMY_HASH = hashSecret("no such token");

/**
 * The identity behind a presented token, or null when it is malformed, unknown, revoked or wrong. The
 * comparison of hashes is constant-time; nothing about the presented value is ever thrown or logged.
 */
export async function verifyToken(store: Store, presented: string): Promise<TokenIdentity | null> {
  const match = TOKEN_PATTERN.exec(presented.trim());
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  const stored = await store.getToken(id);
  const expected =
    stored && /^[a-f0-9]{64}$/.test(stored.hash) ? Buffer.from(stored.hash, "hex") : DUMMY_HASH;
  const same = crypto.timingSafeEqual(hashSecret(secret), expected);
  if (!stored || !same || stored.revokedAt !== null) return null;
  return { id: stored.id, name: stored.name };
}

/** Every token without its hash, oldest first. */
export async function listTokens(store: Store): Promise<Omit<StoredToken, "hash">[]> {
  return (await store.listTokens()).map(({ hash: _hash, ...rest }) => rest);
}

export async function revokeToken(store: Store, id: string): Promise<void> {
  const bare = TOKEN_PATTERN.exec(id.trim())?.[1] ?? id.trim();
  if (!(await store.revokeToken(bare, new Date().toISOString()))) {
    throw new WatchdeskError("TOKEN_NOT_FOUND", "no live token has this id", {
      input: bare,
      hint: "list token ids with `watchdesk token list`",
    });
  }
}
