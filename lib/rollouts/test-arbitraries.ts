/** fast-check generators shared by the rollout tests (test-only; not imported by app code). */
import fc from "fast-check";
import { TEST_KINDS } from "@/lib/catalog/schema";
import { GATE_COMPARATORS, GATE_METRICS, ROLLOUT_EVENT_KINDS, type RolloutRecordInput } from "./record-schema";

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The same instant written with a UTC offset of `offsetMinutes`, e.g. 2024-07-19T06:09:00+02:00. */
export function withOffset(utcIso: string, offsetMinutes: number): string {
  const local = new Date(Date.parse(utcIso) + offsetMinutes * MINUTE);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const ms = local.getUTCMilliseconds();
  return (
    `${p(local.getUTCFullYear(), 4)}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())}` +
    `T${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}${ms ? `.${p(ms, 3)}` : ""}` +
    `${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
}

/** Offsets in use around the world: −12:00 … +14:00 in quarter hours. */
export const offsetArb = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);

/** Rewrite every time in a record through `f` (record is copied). */
export function mapTimes(r: RolloutRecordInput, f: (iso: string) => string): RolloutRecordInput {
  return {
    ...r,
    releasedAt: f(r.releasedAt),
    rings: r.rings.map((g) => ({ ...g, startedAt: f(g.startedAt), promotedAt: g.promotedAt ? f(g.promotedAt) : g.promotedAt })),
    events: r.events.map((e) => ({ ...e, at: f(e.at) })),
  };
}

const gateArb = fc.oneof(
  fc.constant(null),
  fc.record({
    metric: fc.constantFrom(...GATE_METRICS.filter((m) => m !== "custom")),
    comparator: fc.constantFrom(...GATE_COMPARATORS),
    threshold: fc.integer({ min: 0, max: 500 }).map((n) => n / 100),
    observed: fc.option(fc.integer({ min: 0, max: 500 }).map((n) => n / 100)),
    after: fc.integer({ min: 0, max: 3000 }),
    passed: fc.option(fc.boolean()),
  }),
);

/** Structurally valid rollout records in input form, with UTC times. */
export const validRecordArb: fc.Arbitrary<RolloutRecordInput> = fc
  .record({
    released: fc.integer({ min: Date.UTC(2020, 0, 1) / MINUTE, max: Date.UTC(2030, 0, 1) / MINUTE }),
    channel: fc.constantFrom("code" as const, "content" as const),
    kernelMode: fc.boolean(),
    fleetSize: fc.option(fc.integer({ min: 1, max: 50_000_000 })),
    rings: fc.array(
      fc.record({
        share: fc.integer({ min: 0, max: 1000 }),
        gap: fc.integer({ min: 0, max: 3000 }),
        bake: fc.option(fc.integer({ min: 0, max: 3000 })),
        gate: gateArb,
      }),
      { minLength: 1, maxLength: 6 },
    ),
    events: fc.array(fc.record({ kind: fc.constantFrom(...ROLLOUT_EVENT_KINDS), after: fc.integer({ min: 0, max: 20_000 }) }), { maxLength: 6 }),
    tests: fc.array(fc.record({ kind: fc.constantFrom(...TEST_KINDS), passed: fc.boolean() }), { maxLength: 10 }),
    cc: fc.record({ ringOptIn: fc.boolean(), nMinusOnePinning: fc.boolean(), delayHours: fc.option(fc.integer({ min: 0, max: 72 })) }),
  })
  .map(({ released, channel, kernelMode, fleetSize, rings, events, tests, cc }) => {
    const shares = rings.map((r) => r.share / 10).sort((a, b) => a - b);
    let t = released;
    return {
      releaseId: `rel-${released}`,
      version: "1.0.0",
      channel,
      kernelMode,
      releasedAt: iso(released * MINUTE),
      fleetSize,
      rings: rings.map((r, i) => {
        t += r.gap;
        const share = shares[i]!;
        return {
          name: `Ring ${i + 1}`,
          sharePct: share,
          devices: fleetSize === null ? null : Math.floor((fleetSize * share) / 100),
          startedAt: iso(t * MINUTE),
          promotedAt: r.bake === null ? null : iso((t + r.bake) * MINUTE),
          gate: r.gate === null ? null : (({ after, ...g }) => ({ ...g, unit: "%", baseline: null, evaluatedAt: iso((t + after) * MINUTE) }))(r.gate),
        };
      }),
      events: events.map((e) => ({ kind: e.kind, at: iso((released + e.after) * MINUTE), reason: `event ${e.kind}` })),
      customerControl: cc,
      tests,
    };
  });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path into a JSON value (objects and arrays), for mutation. */
export function jsonPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...jsonPaths(x, [...prefix, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...jsonPaths(x, [...prefix, k]));
  return out;
}

/** A deep copy of `v` with the value at `path` replaced by `value`, or removed when `value` is undefined. */
export function mutateAt(v: unknown, path: (string | number)[], value: Json | undefined): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length === 0 && value === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = mutateAt(copy[Number(head)], rest, value);
    return copy;
  }
  const copy = { ...(v as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete copy[String(head)];
  else copy[String(head)] = mutateAt(copy[String(head)], rest, value);
  return copy;
}
