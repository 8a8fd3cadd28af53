import crypto from "node:crypto";

/**
 * Secrets the portal must read back (TOTP shared secrets, identity providers' client
 * secrets) are stored sealed: AES-256-GCM under a key derived from AUTH_SECRET with
 * HKDF-SHA256 and a per-purpose label, so a copy of the database alone reveals none of
 * them, and a value sealed for one purpose never opens for another.
 *
 * Format: "v1.<iv, base64url>.<ciphertext + 16-byte tag, base64url>". Rotating
 * AUTH_SECRET makes sealed values unreadable: TOTP factors must then be enrolled again
 * and identity providers' secrets entered again (docs/authentication.md).
 */
export type SealPurpose = "totp-secret" | "sso-client-secret";

function keyFor(secret: string, purpose: SealPurpose): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("ringfence seal v1", "utf8"), Buffer.from(purpose, "utf8"), 32));
}

export function seal(secret: string, purpose: SealPurpose, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(secret, purpose), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The sealed value's plaintext, or null when it is malformed, altered, or sealed under another key or purpose. */
export function unseal(secret: string, purpose: SealPurpose, sealed: string): string | null {
  const parts = sealed.split(".");
  if (parts.length !== 3 || parts[0] !== "v1") return null;
  const iv = Buffer.from(parts[1]!, "base64url");
  const body = Buffer.from(parts[2]!, "base64url");
  if (iv.length !== 12 || body.length < 16) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(secret, purpose), iv);
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
