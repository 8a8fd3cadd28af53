import crypto from "node:crypto";

/**
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys, and the
 * C2SP tlog-checkpoint body (https://c2sp.org/tlog-checkpoint). No I/O.
 *
 * A note is UTF-8 text ending in a newline, then a blank line, then one line
 * per signature: "— <key name> <base64(key id ‖ signature)>". The key id is the
 * first 4 bytes of SHA-256(key name ‖ "\n" ‖ 0x01 ‖ public key). A verifier key
 * is written "<name>+<key id hex>+<base64(0x01 ‖ public key)>", the signer key
 * "PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 ‖ seed)>" (the Go sumdb/note
 * encodings, so standard tools can check our notes).
 */

const ED25519 = 0x01;
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SIG_PREFIX = "\u2014 ";

export type Signer = { name: string; keyId: Buffer; publicKey: Buffer; privateKey: crypto.KeyObject };
export type Verifier = { name: string; keyId: Buffer; publicKey: Buffer };

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoteError";
  }
}

function checkName(name: string): void {
  if (!name || /[\s+]/u.test(name) || !/^[\x21-\x7e]+$/.test(name))
    throw new NoteError(`key name ${JSON.stringify(name)} must be printable ASCII without spaces or "+"`);
}

export function keyId(name: string, publicKey: Buffer): Buffer {
  return crypto
    .createHash("sha256")
    .update(name, "utf8")
    .update("\n")
    .update(Buffer.from([ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

function rawPublicKey(key: crypto.KeyObject): Buffer {
  const spki = key.export({ format: "der", type: "spki" });
  return Buffer.from(spki.subarray(spki.length - 32));
}

export function signerFromSeed(name: string, seed: Buffer): Signer {
  checkName(name);
  if (seed.length !== 32) throw new NoteError("an Ed25519 seed is 32 bytes");
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = rawPublicKey(crypto.createPublicKey(privateKey));
  return { name, keyId: keyId(name, publicKey), publicKey, privateKey };
}

export function generateSignerKey(name: string): string {
  return encodeSignerKey(signerFromSeed(name, crypto.randomBytes(32)));
}

export function encodeSignerKey(s: Signer): string {
  const der = s.privateKey.export({ format: "der", type: "pkcs8" });
  const seed = der.subarray(der.length - 32);
  return `PRIVATE+KEY+${s.name}+${s.keyId.toString("hex")}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString("base64")}`;
}

/** Splits at the first count−1 "+" signs (the base64 key at the end may contain "+"). */
function splitKey(text: string, count: number): string[] | null {
  const parts: string[] = [];
  let rest = text.trim();
  for (let i = 0; i < count - 1; i++) {
    const at = rest.indexOf("+");
    if (at < 0) return null;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts.every(Boolean) ? parts : null;
}

export function parseSignerKey(text: string): Signer {
  const parts = splitKey(text, 5);
  if (!parts || parts[0] !== "PRIVATE" || parts[1] !== "KEY") throw new NoteError('a signing key looks like "PRIVATE+KEY+<name>+<id>+<key>"');
  const [, , name, id, b64] = parts as [string, string, string, string, string];
  const raw = Buffer.from(b64, "base64");
  if (raw.length !== 33 || raw[0] !== ED25519) throw new NoteError("the signing key is not an Ed25519 key");
  const s = signerFromSeed(name, raw.subarray(1));
  if (s.keyId.toString("hex") !== id.toLowerCase()) throw new NoteError("the signing key's id does not match its key");
  return s;
}

export function verifierKey(v: Verifier): string {
  return `${v.name}+${v.keyId.toString("hex")}+${Buffer.concat([Buffer.from([ED25519]), v.publicKey]).toString("base64")}`;
}

export function parseVerifierKey(text: string): Verifier {
  const parts = splitKey(text, 3);
  if (!parts) throw new NoteError('a verifier key looks like "<name>+<id>+<key>"');
  const [name, id, b64] = parts as [string, string, string];
  checkName(name);
  const raw = Buffer.from(b64, "base64");
  if (raw.length !== 33 || raw[0] !== ED25519) throw new NoteError("the verifier key is not an Ed25519 key");
  const publicKey = Buffer.from(raw.subarray(1));
  const kid = keyId(name, publicKey);
  if (!/^[0-9a-f]{8}$/i.test(id) || kid.toString("hex") !== id.toLowerCase()) throw new NoteError("the verifier key's id does not match its key");
  return { name, keyId: kid, publicKey };
}

/** Signs a note text (which must end in a newline and contain no blank line). */
export function signNote(text: string, signer: Signer): string {
  if (!text.endsWith("\n") || text.includes("\n\n") || text.startsWith("\n"))
    throw new NoteError("note text must be non-empty lines, each ending in a newline");
  const sig = crypto.sign(null, Buffer.from(text, "utf8"), signer.privateKey);
  return `${text}\n${SIG_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, sig]).toString("base64")}\n`;
}

/**
 * Opens a signed note: returns its text when at least one signature line is
 * by `verifier` and valid; throws NoteError otherwise (unknown signers are ignored).
 */
export function openNote(note: string, verifier: Verifier): string {
  const split = note.indexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) throw new NoteError("not a signed note: no blank line before the signatures");
  const text = note.slice(0, split + 1);
  if (text.includes("\n\n") || text.length < 2) throw new NoteError("malformed note text");
  const sigLines = note.slice(split + 2, -1).split("\n");
  const pubKey = crypto.createPublicKey({
    key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), verifier.publicKey]),
    format: "der",
    type: "spki",
  });
  let seen = false;
  for (const line of sigLines) {
    if (!line.startsWith(SIG_PREFIX)) throw new NoteError("malformed signature line");
    const [name, b64, ...rest] = line.slice(SIG_PREFIX.length).split(" ");
    if (!name || !b64 || rest.length) throw new NoteError("malformed signature line");
    if (name !== verifier.name) continue;
    const raw = Buffer.from(b64, "base64");
    if (raw.length !== 4 + 64 || !raw.subarray(0, 4).equals(verifier.keyId)) continue;
    seen = true;
    if (crypto.verify(null, Buffer.from(text, "utf8"), pubKey, raw.subarray(4))) return text;
  }
  throw new NoteError(
    seen ? "the signature does not verify: the note was altered or signed by another key" : `the note carries no signature by ${verifier.name}`,
  );
}

export type Checkpoint = { origin: string; size: number; root: Buffer; extensions: string[] };

export function formatCheckpoint(c: Checkpoint): string {
  if (!c.origin || c.origin.includes("\n")) throw new NoteError("bad origin");
  return `${c.origin}\n${c.size}\n${c.root.toString("base64")}\n${c.extensions.map((e) => `${e}\n`).join("")}`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split("\n");
  if (lines.length < 4 || lines[lines.length - 1] !== "") throw new NoteError("a checkpoint has an origin, a size and a root hash, each on its own line");
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!origin) throw new NoteError("the checkpoint has no origin");
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    throw new NoteError("the checkpoint's tree size is not a decimal number");
  const root = Buffer.from(rootText, "base64");
  if (root.length !== 32 || root.toString("base64") !== rootText) throw new NoteError("the checkpoint's root hash is not 32 bytes of base64");
  return { origin, size: Number(sizeText), root, extensions: lines.slice(3, -1) };
}
