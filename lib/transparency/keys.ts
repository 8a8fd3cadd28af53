import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { generateSignerKey, parseSignerKey, verifierKey, type Signer } from "./note";

/**
 * The log's Ed25519 signing key lives outside the database: LOG_SIGNING_KEY
 * (the key itself) or LOG_SIGNING_KEY_FILE (a file holding it). Without either,
 * one is generated once into the data folder (<data>/log-signing-key), as the
 * embedded database does for AUTH_SECRET. Several instances must share one key.
 */
let cached: Signer | undefined;

export function logSigner(): Signer {
  if (cached) return cached;
  const cfg = getConfig().log;
  if (cfg.signingKey) return (cached = parseSignerKey(cfg.signingKey));
  const file = cfg.signingKeyFile ?? path.join(getConfig().dataDir, "log-signing-key");
  try {
    cached = parseSignerKey(fs.readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT" || cfg.signingKeyFile) throw err;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, generateSignerKey(cfg.origin) + "\n", { mode: 0o600, flag: "wx" });
    } catch {
      // Another process wrote it first: use theirs.
    }
    cached = parseSignerKey(fs.readFileSync(file, "utf8"));
  }
  return cached;
}

export function logVerifierKey(): string {
  return verifierKey(logSigner());
}

/** Tests replace the key. */
export function setLogSignerForProcess(s: Signer | undefined): void {
  cached = s;
}
