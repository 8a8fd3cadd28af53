// npm run audit:verify [-- --from <checkpoint file>] [--key <verifier key>]
// Verifies the transparency log in DATABASE_URL (or the embedded database): from the
// start, or from a checkpoint you kept (its events are then trusted and only later ones
// rechecked). Names the first bad event; exits 1 when the log does not verify.
import fs from "node:fs";
import { openDatabase } from "@/db/client";
import { getConfig } from "@/lib/config";
import { logSigner } from "@/lib/transparency/keys";
import { parseVerifierKey, verifierKey } from "@/lib/transparency/note";
import { verifyLog } from "@/lib/transparency/verify";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const config = getConfig();
const key = parseVerifierKey(opt("--key") ?? verifierKey(logSigner()));
const fromFile = opt("--from");
const handle = await openDatabase(config.database);
try {
  let last = 0;
  const result = await verifyLog(handle.db, key, {
    trusted: fromFile ? { note: fs.readFileSync(fromFile, "utf8") } : undefined,
    onProgress: (n) => {
      if (n - last >= 100_000) {
        last = n;
        process.stderr.write(`  … ${n.toLocaleString("en")} events\n`);
      }
    },
  });
  console.log(`log key        ${verifierKey(key)}`);
  console.log(`events         ${result.events.toLocaleString("en")}${result.from ? ` (from trusted size ${result.from})` : ""}`);
  console.log(`checkpoints    ${result.checkpoints} signed, ${result.matchedCheckpoints} reproduced by the events`);
  console.log(`root           ${result.root}`);
  console.log(
    `time           ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.events / Math.max(result.ms / 1000, 0.001)).toLocaleString("en")} events/s)`,
  );
  if (result.ok) {
    console.log("result         the log verifies");
  } else {
    const f = result.firstBad!;
    console.log(`result         NOT VERIFIED: first bad event ${f.exact ? "" : "at or after "}${f.seq}`);
    for (const p of result.problems) console.log(`  - ${p.reason}`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
