// npm run bench: the reports benchmark (DATABASE_URL must point at PostgreSQL seeded with
// `npm run seed:scale`), then the pure rollout-analysis benchmark.
// npm run bench -- --all also runs the rollouts API benchmark (in-memory PGlite) and the upload
// benchmark (needs `next build`). Benchmarks print figures; the exit status is non-zero only when
// one of them failed to run, never because of a timing.
import { spawnSync } from "node:child_process";

const all = process.argv.includes("--all");
const tsx = (script, server = true) => ["tsx", ...(server ? ["--conditions=react-server"] : []), script];
const benches = [
  ["reports", tsx("scripts/bench-reports.ts")],
  ["rollout analysis", tsx("scripts/bench-analysis.ts", false)],
  ...(all
    ? [
        ["rollouts API", tsx("scripts/bench-rollouts-api.ts")],
        ["upload", tsx("scripts/bench-upload.ts")],
      ]
    : []),
];

const results = [];
for (const [label, args] of benches) {
  console.log(`\n=== bench ${label}: npx ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync("npx", args, { stdio: "inherit" });
  results.push(`${label}: ${r.status === 0 ? "ok" : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
console.log(`\n${results.join("\n")}`);
process.exit(results.some((line) => line.includes("FAILED")) ? 1 : 0);
