import { z } from "zod";
import { TEST_KINDS, UPDATE_CHANNELS } from "@/lib/catalog/schema";
import { isSafeText, safeMultiline, safeText } from "@/lib/validations/common";

/**
 * A rollout record: how one release of one product was delivered, ring by ring.
 * The same schema serves the form, JSON upload and the REST API. Times must carry
 * a UTC offset and come out normalised to UTC (`toISOString()`), so records that
 * describe the same instants compare equal whatever zone they were written in.
 */

export const ROLLOUT_EVENT_KINDS = ["pause", "halt", "resume", "rollback_started", "rollback_completed"] as const;
export type RolloutEventKind = (typeof ROLLOUT_EVENT_KINDS)[number];

const MIN_INSTANT = Date.UTC(1970, 0, 1);
const MAX_INSTANT = Date.UTC(9999, 11, 31);
const UNSAFE = "remove control characters and unpaired Unicode surrogates";
const TIME_HINT = "a time with a UTC offset, e.g. 2024-07-19T04:09:00Z or 2024-07-19T06:09:00+02:00";

/** ISO-8601 instant with `Z` or `±HH:MM`; output is the UTC form. Bounded so the output re-parses. */
const instant = z
  .iso.datetime({ offset: true, error: `use ${TIME_HINT}` })
  .refine((s) => {
    const ms = Date.parse(s);
    return Number.isFinite(ms) && ms >= MIN_INSTANT && ms <= MAX_INSTANT;
  }, "use a time between 1970 and 9999")
  .transform((s) => new Date(s).toISOString());

const text = (max: number, what: string, multiline = false) =>
  (multiline ? safeMultiline : safeText)(max, { tooLong: `at most ${max} characters`, unsafe: UNSAFE, type: `${what} is required` }).min(1, `${what} is required`);

/** Optional in input; always present in output, as null when absent, so parsed records compare and hash canonically. */
const orNull = <T extends z.ZodType>(schema: T) =>
  schema
    .nullable()
    .optional()
    .transform((v): z.output<T> | null => v ?? null);

const bool = (what: string) => z.boolean({ error: `${what}: answer true or false` });

const measure = z.union([safeText(200, { tooLong: "at most 200 characters", unsafe: UNSAFE }).min(1), z.number()], {
  error: "give a number or a short text such as \"crash rate < 0.1%\"",
});

export const healthGateSchema = z
  .object({
    signal: text(200, "the monitored signal"),
    threshold: measure,
    observed: orNull(measure),
    passed: bool("whether the gate passed"),
  })
  .describe("Health gate evaluated before promoting the ring");

export const ringSchema = z.object({
  name: text(100, "ring name"),
  sharePct: z
    .number({ error: "share must be a number of percent" })
    .min(0, "a share cannot be below 0%")
    .max(100, "a share cannot exceed 100%")
    .describe("Cumulative share of the fleet (percent) that has the release once this ring is fully deployed"),
  devices: orNull(z.int({ error: "device count must be a whole number" }).min(0, "device count cannot be negative")).describe("Cumulative number of devices reached once this ring is fully deployed, when known"),
  startedAt: instant.describe("When delivery to this ring started"),
  promotedAt: orNull(instant).describe("When the rollout was promoted to the next ring; empty for an open or last ring"),
  gate: orNull(healthGateSchema),
});

export const rolloutEventSchema = z.object({
  kind: z.enum(ROLLOUT_EVENT_KINDS, { error: `event kind must be one of ${ROLLOUT_EVENT_KINDS.join(", ")}` }),
  at: instant,
  reason: text(1000, "a reason", true),
});

export const customerControlSchema = z.object({
  ringOptIn: bool("ring opt-in"),
  nMinusOnePinning: bool("N-1 pinning"),
  delayHours: z.number({ error: "delay must be a number of hours" }).min(0, "a delay cannot be negative").max(8760).nullable(),
});

export const testRunSchema = z.object({
  kind: z.enum(TEST_KINDS, { error: `test kind must be one of ${TEST_KINDS.join(", ")}` }),
  passed: bool("whether the test passed"),
  evidenceUrl: orNull(z.url({ protocol: /^https?$/, error: "evidence must be an http(s) address" }).max(2000).refine((s) => isSafeText(s), UNSAFE)),
});

const baseRecordSchema = z.object({
  releaseId: text(100, "release identifier"),
  version: text(50, "version"),
  channel: z.enum(UPDATE_CHANNELS, { error: `channel must be one of ${UPDATE_CHANNELS.join(", ")}` }),
  kernelMode: bool("kernel mode").describe("Whether the release changes what kernel-mode code executes"),
  releasedAt: instant.describe("Release time"),
  fleetSize: orNull(z.int({ error: "fleet size must be a whole number" }).min(1, "fleet size must be at least 1")),
  rings: z.array(ringSchema, { error: "rings must be a list" }).max(100, "at most 100 rings"),
  events: z.array(rolloutEventSchema, { error: "events must be a list" }).max(1000, "at most 1000 events"),
  customerControl: customerControlSchema,
  tests: z.array(testRunSchema, { error: "tests must be a list" }).max(200, "at most 200 test runs"),
  notes: orNull(safeMultiline(8000, { tooLong: "at most 8000 characters", unsafe: UNSAFE })).transform((v) => v || null),
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
  if (r.rings.length === 0) issue(["rings"], "a rollout has at least one ring");
  const released = ms(r.releasedAt);
  const seen = new Map<string, number>();
  r.rings.forEach((ring, i) => {
    const key = ring.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) issue(["rings", i, "name"], `ring name "${ring.name}" is already used by ring ${first + 1}`);
    else seen.set(key, i);
    if (ms(ring.startedAt) < released) issue(["rings", i, "startedAt"], "a ring cannot start before the release time");
    if (ring.promotedAt && ms(ring.promotedAt) < ms(ring.startedAt))
      issue(["rings", i, "promotedAt"], "a ring cannot be promoted before it started");
    if (r.fleetSize != null && ring.devices != null && ring.devices > r.fleetSize)
      issue(["rings", i, "devices"], `${ring.devices} devices is more than the fleet of ${r.fleetSize}`);
    const prev = r.rings[i - 1];
    if (!prev) return;
    // Range errors are reported by the field schema; comparing an out-of-range share would only echo them.
    if (ring.sharePct < prev.sharePct && inRange(ring.sharePct) && inRange(prev.sharePct))
      issue(["rings", i, "sharePct"], `cumulative share cannot fall from ${prev.sharePct}% to ${ring.sharePct}%`);
    if (ring.devices != null && prev.devices != null && ring.devices < prev.devices)
      issue(["rings", i, "devices"], `cumulative device count cannot fall from ${prev.devices} to ${ring.devices}`);
    if (ms(ring.startedAt) < ms(prev.startedAt))
      issue(["rings", i, "startedAt"], `ring "${ring.name}" cannot start before the ring before it ("${prev.name}")`);
  });
  r.events.forEach((e, i) => {
    if (ms(e.at) < released) issue(["events", i, "at"], "an event cannot happen before the release time");
  });
}

export const rolloutRecordSchema = baseRecordSchema
  .superRefine(checkStructure)
  .describe("How one release of one product was rolled out, ring by ring");

export type RolloutRecordInput = z.input<typeof rolloutRecordSchema>;
export type RolloutRecord = z.output<typeof rolloutRecordSchema>;
export type Ring = RolloutRecord["rings"][number];
export type HealthGate = NonNullable<Ring["gate"]>;
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
