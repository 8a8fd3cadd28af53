// `npm run faults`: the three fault drills of issue 12, each done for real against the
// production build and a throwaway PostgreSQL cluster, with a PASS/FAIL summary and figures.
//   npm run faults                         all three
//   npm run faults -- kill-server db-down  some of them (kill-server, stop-postgres, db-down)
//   --json <file>     also write the results as JSON (scripts/test.mjs counts them)
//   --if-available    skip, successfully, where PostgreSQL's server binaries are missing
// Needs a build in $NEXT_DIST_DIR (default .next) and PostgreSQL's server binaries (PG_BIN).
import fs from "node:fs";
import { prepareGround, type FaultResult, type Ground } from "./bench";
import { clusterUnavailable } from "./cluster";
import { databaseUnavailable } from "./db-unavailable";
import { killServer } from "./kill-server";
import { assertBuilt } from "./portal";
import { stopPostgres } from "./stop-postgres";

const FAULTS: Record<string, (g: Ground, log: (s: string) => void) => Promise<FaultResult>> = {
  "kill-server": killServer,
  "stop-postgres": stopPostgres,
  "db-down": databaseUnavailable,
};

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const wanted = args.filter((a, i) => !a.startsWith("-") && (jsonAt < 0 || i !== jsonAt + 1));
for (const w of wanted) if (!FAULTS[w]) throw new Error(`unknown fault ${w}: choose from ${Object.keys(FAULTS).join(", ")}`);
const names = wanted.length ? wanted : Object.keys(FAULTS);
const log = (s: string) => console.log(s);

const unavailable = clusterUnavailable();
if (unavailable && args.includes("--if-available")) {
  log(`fault drills skipped: ${unavailable}`);
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ skipped: unavailable, results: [] }));
  process.exit(0);
}
if (unavailable) throw new Error(unavailable);
assertBuilt();
const started = performance.now();
const ground = await prepareGround(log);
const results: FaultResult[] = [];
try {
  for (const name of names) {
    log(`\n=== fault: ${name}`);
    const t = performance.now();
    try {
      results.push(await FAULTS[name]!(ground, log));
    } catch (err) {
      results.push({
        name,
        pass: false,
        figures: [],
        problems: [`the drill itself failed: ${(err as Error).stack ?? String(err)}`],
        seconds: (performance.now() - t) / 1000,
      });
    }
    const r = results.at(-1)!;
    log(`${r.pass ? "PASS" : "FAIL"} ${r.name} (${r.seconds.toFixed(1)} s)`);
  }
} finally {
  ground.close();
}

log(`\n=== faults summary (${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
for (const r of results) {
  log(`${r.pass ? "PASS" : "FAIL"} ${r.name} (${r.seconds.toFixed(1)} s)`);
  for (const f of r.figures) log(`  - ${f}`);
  for (const p of r.problems) log(`  ! ${p}`);
}
log(`${results.filter((r) => r.pass).length} passed, ${results.filter((r) => !r.pass).length} failed`);
if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
process.exit(results.every((r) => r.pass) ? 0 : 1);
