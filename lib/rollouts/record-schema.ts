import { z } from "zod";
import { TEST_KINDS, UPDATE_CHANNELS } from "@/lib/catalog/schema";
import { UNSAFE_TEXT_MESSAGE, isSafeText, safeMultiline, safeText } from "@/lib/validations/common";
import { instantSchema } from "./instant";
import { GATE_COMPARATORS, GATE_METRICS, ROLLOUT_EVENT_KINDS } from "./record-constants";

export * from "./record-constants";

/**
 * A rollout record: how one release of one product was delivered, ring by ring.
 * The same schema serves the form, JSON upload and the REST API. Times must carry
 * a UTC offset and come out normalised to UTC (`toISOString()`), so records that
 * describe the same instants compare equal whatever zone they were written in.
 */

// Messages are full sentences that name the field: the form shows them beside it, uploads and the API after its path.

/** Instants with a UTC offset, normalised to UTC; see instant.ts. */
const instant = instantSchema;

/** `what` completes "Enter …": "the ring's name", "a reason". */
const text = (max: number, what: string, multiline = false) => (multiline ? safeMultiline : safeText)(max, { type: `Enter ${what}.` }).min(1, `Enter ${what}.`);

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Optional in input; always present in output, as null when absent, so parsed records compare and hash canonically. */
const orNull = <T extends z.ZodType>(schema: T) =>
  schema
    .nullable()
    .optional()
    .transform((v): z.output<T> | null => v ?? null);

const bool = (what: string) => z.boolean({ error: `Answer true or false for ${what}.` });
const finite = (what: string) => z.number({ error: `${capital(what)} must be a number.` }).refine(Number.isFinite, `${capital(what)} must be a finite number.`);

/**
 * A machine-checkable health gate: the gate passes when `observed <comparator> threshold`.
 * The portal computes the outcome; `passed` is only the vendor's claim, compared with it.
 * A plain object schema (the pipeline API appends gates with it on their own).
 */
export const healthGateSchema = z
  .object({
    metric: z.enum(GATE_METRICS, { error: `The metric must be one of ${GATE_METRICS.join(", ")}.` }).describe("The monitored signal"),
    customMetric: orNull(text(100, "the custom metric's name")).describe("Name of the signal when metric is custom; empty otherwise"),
    comparator: z
      .enum(GATE_COMPARATORS, { error: `The comparator must be one of ${GATE_COMPARATORS.join(" ")}.` })
      .describe("The gate passes when observed <comparator> threshold"),
    threshold: finite("the threshold"),
    observed: orNull(finite("the observed value")).describe("The value measured in the ring; empty when not (yet) measured"),
    unit: text(30, "the unit").describe('Unit of threshold, observed and baseline, e.g. "%", "per million devices", "ms", "MB"'),
    baseline: orNull(finite("the baseline")).describe("The previous version's value of the same signal, when known"),
    evaluatedAt: instant.describe("When the gate was evaluated"),
    passed: orNull(bool("the vendor's gate result")).describe("The vendor's own result (optional); the portal computes the outcome from the numbers"),
  })
  .superRefine((g, ctx) => {
    if (g.metric === "custom" && !g.customMetric) ctx.addIssue({ code: "custom", path: ["customMetric"], message: "Name the custom metric." });
    if (g.metric !== "custom" && g.customMetric)
      ctx.addIssue({ code: "custom", path: ["customMetric"], message: "Leave the custom metric empty unless the metric is custom." });
  })
  .describe("Health gate evaluated before promoting the ring");

const measure = z.union([safeText(200).min(1), z.number()], {
  error: 'Give a number or a short text such as "crash rate < 0.1%".',
});

/** Free-text gates of analyser 1 (stored rows, old uploads): accepted, shown as not machine-checkable. */
export const legacyHealthGateSchema = z
  .object({
    metric: z.undefined().optional(),
    signal: text(200, "the gate's metric (or, for a legacy free-text gate, its signal)"),
    threshold: measure,
    observed: orNull(measure),
    passed: bool("the gate's result"),
  })
  .describe("Legacy free-text health gate (not machine-checkable)");

/** Structured or legacy, told apart by `metric` (legacy gates have `signal` and no `metric`). */
export const ringGateSchema = z.discriminatedUnion("metric", [healthGateSchema, legacyHealthGateSchema], {
  error: (iss) => (iss.code === "invalid_union" ? `The metric must be one of ${GATE_METRICS.join(", ")}.` : undefined),
});

export const ringSchema = z.object({
  name: text(100, "the ring's name"),
  sharePct: z
    .number({ error: "The share must be a number of percent." })
    .min(0, "A share cannot be below 0%.")
    .max(100, "A share cannot exceed 100%.")
    .describe("Cumulative share of the fleet (percent) that has the release once this ring is fully deployed"),
  devices: orNull(z.int({ error: "The device count must be a whole number." }).min(0, "The device count cannot be negative.")).describe(
    "Cumulative number of devices reached once this ring is fully deployed, when known",
  ),
  startedAt: instant.describe("When delivery to this ring started"),
  promotedAt: orNull(instant).describe("When the rollout was promoted to the next ring; empty for an open or last ring"),
  gate: orNull(ringGateSchema),
});

export const rolloutEventSchema = z.object({
  kind: z.enum(ROLLOUT_EVENT_KINDS, { error: `The event kind must be one of ${ROLLOUT_EVENT_KINDS.join(", ")}.` }),
  at: instant,
  reason: text(1000, "a reason", true),
});

export const customerControlSchema = z.object({
  ringOptIn: bool("ring opt-in"),
  nMinusOnePinning: bool("N-1 pinning"),
  delayHours: z
    .number({ error: "The delay must be a number of hours." })
    .min(0, "A delay cannot be negative.")
    .max(8760, "A delay cannot exceed 8,760 hours (one year).")
    .nullable(),
});

export const testRunSchema = z.object({
  kind: z.enum(TEST_KINDS, { error: `The test kind must be one of ${TEST_KINDS.join(", ")}.` }),
  passed: bool("the test's result"),
  evidenceUrl: orNull(
    z
      .url({ protocol: /^https?$/, error: "The evidence must be an http(s) address." })
      .max(2000, "Use at most 2,000 characters.")
      .refine((s) => isSafeText(s), UNSAFE_TEXT_MESSAGE),
  ),
});

const baseRecordSchema = z.object({
  releaseId: text(100, "the release identifier"),
  version: text(50, "the version"),
  channel: z.enum(UPDATE_CHANNELS, { error: `The channel must be one of ${UPDATE_CHANNELS.join(", ")}.` }),
  kernelMode: bool("kernel mode").describe("Whether the release changes what kernel-mode code executes"),
  releasedAt: instant.describe("Release time"),
  fleetSize: orNull(z.int({ error: "The fleet size must be a whole number." }).min(1, "The fleet size must be at least 1.")),
  rings: z.array(ringSchema, { error: "The rings must be a list." }).max(500, "A record has at most 500 rings."),
  events: z.array(rolloutEventSchema, { error: "The events must be a list." }).max(20_000, "A record has at most 20,000 events."),
  customerControl: customerControlSchema,
  tests: z.array(testRunSchema, { error: "The tests must be a list." }).max(200, "A record has at most 200 test runs."),
  notes: orNull(safeMultiline(8000)).transform((v) => v || null),
});

type BaseRecord = z.output<typeof baseRecordSchema>;
type Ctx = z.core.$RefinementCtx<BaseRecord>;

const ms = (iso: string) => Date.parse(iso);
const inRange = (pct: number) => pct >= 0 && pct <= 100;

/**
 * Cross-field impossibilities, each located at the offending field. Zod runs this
 * after field checks such as the 0–100% share range (reported by ringSchema), but
 * not when a field has the wrong type.
 */
function checkStructure(r: BaseRecord, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (r.rings.length === 0) issue(["rings"], "A rollout has at least one ring.");
  const released = ms(r.releasedAt);
  const seen = new Map<string, number>();
  r.rings.forEach((ring, i) => {
    const key = ring.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) issue(["rings", i, "name"], `This name is already used by rings[${first}].`);
    else seen.set(key, i);
    if (ms(ring.startedAt) < released) issue(["rings", i, "startedAt"], "A ring cannot start before the release time.");
    if (ring.promotedAt && ms(ring.promotedAt) < ms(ring.startedAt)) issue(["rings", i, "promotedAt"], "A ring cannot be promoted before it started.");
    if (ring.gate && !("signal" in ring.gate) && ms(ring.gate.evaluatedAt) < ms(ring.startedAt))
      issue(["rings", i, "gate", "evaluatedAt"], "A gate cannot be evaluated before its ring started.");
    if (r.fleetSize != null && ring.devices != null && ring.devices > r.fleetSize)
      issue(["rings", i, "devices"], `${ring.devices} devices are more than the fleet of ${r.fleetSize}.`);
    const prev = r.rings[i - 1];
    if (!prev) return;
    // Range errors are reported by the field schema; comparing an out-of-range share would only echo them.
    if (ring.sharePct < prev.sharePct && inRange(ring.sharePct) && inRange(prev.sharePct))
      issue(["rings", i, "sharePct"], `The cumulative share cannot fall from ${prev.sharePct}% to ${ring.sharePct}%.`);
    if (ring.devices != null && prev.devices != null && ring.devices < prev.devices)
      issue(["rings", i, "devices"], `The cumulative device count cannot fall from ${prev.devices} to ${ring.devices}.`);
    if (ms(ring.startedAt) < ms(prev.startedAt))
      issue(["rings", i, "startedAt"], `A ring cannot start before the ring before it ('${prev.name}', rings[${i - 1}]).`);
  });
  r.events.forEach((e, i) => {
    if (ms(e.at) < released) issue(["events", i, "at"], "An event cannot happen before the release time.");
  });
}

export const rolloutRecordSchema = baseRecordSchema.superRefine(checkStructure).describe("How one release of one product was rolled out, ring by ring");

export type RolloutRecordInput = z.input<typeof rolloutRecordSchema>;
export type RolloutRecord = z.output<typeof rolloutRecordSchema>;
export type Ring = RolloutRecord["rings"][number];
export type RingGate = NonNullable<Ring["gate"]>;
export type HealthGate = z.output<typeof healthGateSchema>;
export type LegacyHealthGate = z.output<typeof legacyHealthGateSchema>;
export type HealthGateInput = z.input<typeof healthGateSchema>;

/** A legacy free-text gate (input or parsed form): it has `signal` and no `metric`. */
export function isLegacyGate<G extends RingGate | z.input<typeof ringGateSchema>>(g: G): g is Extract<G, { signal: unknown }> {
  return "signal" in g && (g as { metric?: unknown }).metric === undefined;
}
export type RolloutEvent = RolloutRecord["events"][number];
export type TestRun = RolloutRecord["tests"][number];

/** JSON Schema of the accepted input, for API documentation and uploads. */
export function rolloutRecordJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(rolloutRecordSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    ...schema,
    title: "Ringfence rollout record",
    description:
      "How one release of one product was rolled out: ordered rings with cumulative fleet share, timing and health gates; " +
      "pause/halt/resume/rollback events; customer control; and the tests run before release. Times need a UTC offset.",
  };
}
