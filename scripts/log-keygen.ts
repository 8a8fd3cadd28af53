// npm run log:keygen [-- <origin>]: prints a new Ed25519 signing key for LOG_SIGNING_KEY and its verifier key.
import { generateSignerKey, parseSignerKey, verifierKey } from "../lib/transparency/note";

const origin = process.argv[2] ?? "ringfence.example.org/log";
const key = generateSignerKey(origin);
console.log(`LOG_SIGNING_KEY=${key}`);
console.log(`# verifier key (publish it; the portal serves it at /api/log/key): ${verifierKey(parseSignerKey(key))}`);
