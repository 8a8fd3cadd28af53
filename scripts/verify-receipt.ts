// npm run verify-receipt -- receipt.json [--key <verifier key>]
// Checks a transparency-log receipt offline: no database, no network.
import fs from "node:fs";
import { verifyReceipt } from "../lib/transparency/receipt";

const args = process.argv.slice(2);
const keyAt = args.indexOf("--key");
const key = keyAt >= 0 ? args[keyAt + 1] : undefined;
const file = args.filter((_, i) => keyAt < 0 || (i !== keyAt && i !== keyAt + 1)).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: npm run verify-receipt -- receipt.json [--key <log key from /api/log/key>]");
  process.exit(2);
}
let input: unknown;
try {
  input = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (err) {
  console.error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
const { ok, checks } = verifyReceipt(input, key);
for (const c of checks) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.step.padEnd(10)} ${c.detail}`);
console.log(ok ? "the receipt verifies" : "the receipt does NOT verify");
process.exitCode = ok ? 0 : 1;
