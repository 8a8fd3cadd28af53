/**
 * Throughput of rollout validation and analysis.
 *   npx tsx scripts/bench-analysis.ts [records]
 * Generates deterministic records (5 rings, 20 events each), then times
 * checkRolloutRecord and analyseRollout separately and together, and one
 * record at the schema's limits (500 rings, 20,000 events).
 */
import { performance } from "node:perf_hooks";
import { TEST_KINDS } from "@/lib/catalog/schema";
import { analyseRollout, checkRolloutRecord } from "@/lib/rollouts/analysis";
import { baselineThresholds } from "@/lib/rollouts/fixtures/thresholds";
import { writeBenchJson } from "./bench/json";
import { ROLLOUT_EVENT_KINDS, type RolloutRecord, type RolloutRecordInput } from "@/lib/rollouts/record-schema";

const COUNT = Number(process.argv[2] ?? 10_000);
const MINUTE = 60_000;

/** Small deterministic PRNG (LCG) so every run benchmarks the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function offsetIso(ms: number, offsetMin: number): string {
  const d = new Date(ms + offsetMin * MINUTE).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? "-" : "+";
  const a = Math.abs(offsetMin);
  return `${d}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

function makeRecord(i: number, rand: () => number): RolloutRecordInput {
  const released = Date.UTC(2024, 0, 1) + Math.floor(rand() * 365 * 24 * 60) * MINUTE;
  const offset = (Math.floor(rand() * 105) - 48) * 15;
  const shares = [0.5, 1 + rand() * 2, 5 + rand() * 10, 20 + rand() * 30, 100];
  const fleetSize = 10_000 + Math.floor(rand() * 5_000_000);
  let t = released;
  const rings = shares.map((share, r) => {
    const start = t;
    const bake = Math.floor(rand() * 3000);
    t += bake * MINUTE;
    return {
      name: `Ring ${r + 1}`,
      sharePct: Math.round(share * 100) / 100,
      devices: Math.floor((fleetSize * share) / 100),
      startedAt: offsetIso(start, offset),
      promotedAt: r === shares.length - 1 ? null : offsetIso(t, offset),
      gate:
        rand() < 0.2
          ? null
          : {
              metric: "crash_rate" as const,
              comparator: "<" as const,
              threshold: 0.1,
              observed: Math.round(rand() * 30) / 100,
              unit: "%",
              baseline: 0.02,
              evaluatedAt: offsetIso(start + Math.floor(rand() * 60) * MINUTE, offset),
              passed: rand() < 0.9 ? true : null,
            },
    };
  });
  const events = Array.from({ length: 20 }, (_, e) => ({
    kind: ROLLOUT_EVENT_KINDS[Math.floor(rand() * ROLLOUT_EVENT_KINDS.length)]!,
    at: offsetIso(released + Math.floor(rand() * 20_000) * MINUTE, offset),
    reason: `Synthetic event ${e + 1} of release ${i}`,
  }));
  return {
    releaseId: `bench-${i}`,
    version: `1.${i % 100}.${i}`,
    channel: rand() < 0.5 ? "code" : "content",
    kernelMode: rand() < 0.3,
    releasedAt: offsetIso(released, offset),
    fleetSize,
    rings,
    events,
    customerControl: { ringOptIn: rand() < 0.5, nMinusOnePinning: rand() < 0.5, delayHours: rand() < 0.5 ? null : 24 },
    tests: TEST_KINDS.filter(() => rand() < 0.8).map((kind) => ({ kind, passed: rand() < 0.95 })),
  };
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString("en-US")} records/s (${ms.toFixed(0)} ms)`;
}

const rand = rng(20240719);
const inputs = Array.from({ length: COUNT }, (_, i) => makeRecord(i, rand));
// Round-trip through JSON, as records arrive from uploads and the API.
const payloads: unknown[] = inputs.map((r) => JSON.parse(JSON.stringify(r)));

// Warm the JIT on a slice first so the figures describe steady state.
for (const p of payloads.slice(0, Math.min(1000, COUNT))) {
  const checked = checkRolloutRecord(p);
  if (checked.ok) analyseRollout(checked.record, baselineThresholds);
}

const t0 = performance.now();
const records: RolloutRecord[] = [];
let rejected = 0;
for (const p of payloads) {
  const checked = checkRolloutRecord(p);
  if (checked.ok) records.push(checked.record);
  else rejected += 1;
}
const t1 = performance.now();
let findings = 0;
for (const r of records) findings += analyseRollout(r, baselineThresholds).findings.length;
const t2 = performance.now();

console.log(`records: ${COUNT} (5 rings, 20 events each); rejected: ${rejected}; findings: ${findings}`);
console.log(`validation (checkRolloutRecord): ${rate(COUNT, t1 - t0)}`);
console.log(`analysis   (analyseRollout):     ${rate(records.length, t2 - t1)}`);
console.log(`total:                           ${rate(COUNT, t2 - t0)}`);

/** One record at the limits: 500 rings, 20,000 events, failed gates spread through it. */
function largeRecord(rand: () => number): RolloutRecordInput {
  const released = Date.UTC(2024, 6, 19, 4, 9);
  const rings = Array.from({ length: 500 }, (_, r) => {
    const start = released + r * 30 * MINUTE;
    return {
      name: `Ring ${r + 1}`,
      sharePct: Math.round(((r + 1) / 500) * 100 * 1000) / 1000,
      startedAt: new Date(start).toISOString(),
      promotedAt: r === 499 ? null : new Date(start + 30 * MINUTE).toISOString(),
      gate: {
        metric: "crash_rate" as const,
        comparator: "<" as const,
        threshold: 0.1,
        observed: rand() < 0.05 ? 0.5 : 0.01,
        unit: "%",
        baseline: null,
        evaluatedAt: new Date(start + 25 * MINUTE).toISOString(),
        passed: true,
      },
    };
  });
  const events = Array.from({ length: 20_000 }, (_, e) => ({
    kind: ROLLOUT_EVENT_KINDS[Math.floor(rand() * ROLLOUT_EVENT_KINDS.length)]!,
    at: new Date(released + Math.floor(rand() * 500 * 30) * MINUTE).toISOString(),
    reason: `Synthetic event ${e + 1}`,
  }));
  return { ...makeRecord(0, rand), releasedAt: new Date(released).toISOString(), rings, events };
}
const big = JSON.parse(JSON.stringify(largeRecord(rng(7)))) as unknown;
checkRolloutRecord(big); // warm
const b0 = performance.now();
const bigChecked = checkRolloutRecord(big);
const b1 = performance.now();
if (!bigChecked.ok) throw new Error(`large record rejected: ${JSON.stringify(bigChecked.reasons.slice(0, 3))}`);
const bigAnalysis = analyseRollout(bigChecked.record, baselineThresholds);
const b2 = performance.now();
console.log(
  `one record of 500 rings and 20,000 events: validation ${(b1 - b0).toFixed(0)} ms, analysis ${(b2 - b1).toFixed(0)} ms (${bigAnalysis.findings.length} findings)`,
);
writeBenchJson({
  records: COUNT,
  recordsPerSecond: { validation: (COUNT / (t1 - t0)) * 1000, analysis: (records.length / (t2 - t1)) * 1000, total: (COUNT / (t2 - t0)) * 1000 },
  largeRecordMs: { validation: b1 - b0, analysis: b2 - b1 },
});
