import fc from "fast-check";
import { TEST_KINDS, UPDATE_CHANNELS } from "@/lib/catalog/schema";
import { SEVERITIES } from "@/lib/rollouts/analysis/types";
import * as api from "@/lib/rollouts/api/schemas";
import * as ev from "@/lib/rollouts/append-event";
import { referenceIncident } from "@/lib/rollouts/fixtures/reference-incident";
import { referenceModelCode, referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { instantSchema } from "@/lib/rollouts/instant";
import * as r from "@/lib/rollouts/record-schema";
import { validRecordArb } from "@/lib/rollouts/test-arbitraries";
import {
  anyString,
  anything,
  array,
  bool,
  custom,
  fail,
  httpUrl,
  instant,
  int,
  literal,
  nullable,
  num,
  oneOf,
  optional,
  orNull,
  union,
  uuid,
  withDefault,
  type Shape,
} from "@/test/helpers/shape";
import { line, lines, object, type SpecTable } from "./spec";

const MODULE = "lib/rollouts/record-schema.ts";
const EVENTS = "lib/rollouts/append-event.ts";
const API = "lib/rollouts/api/schemas.ts";

const ms = (iso: unknown) => Date.parse(iso as string);

const healthGate = object(
  {
    metric: oneOf(r.GATE_METRICS),
    customMetric: orNull(line(1, 100)),
    comparator: oneOf(r.GATE_COMPARATORS),
    threshold: num(),
    observed: orNull(num()),
    unit: line(1, 30),
    baseline: orNull(num()),
    evaluatedAt: instant(),
    passed: orNull(bool()),
  },
  {
    also(g, _i, path) {
      if ((g.metric === "custom") !== (g.customMetric !== null))
        fail(`${path}.customMetric`, "a custom metric's name goes with metric custom, and only with it", g.customMetric);
    },
  },
);
const measure = union(line(1, 200), num());
const legacyGate = object({
  metric: optional(custom(fc.constant(undefined), (o, _i, p) => void (o !== undefined && fail(p, "a legacy gate has no metric", o)))),
  signal: line(1, 200),
  threshold: measure,
  observed: orNull(measure),
  passed: bool(),
});
const ringGate = union(healthGate, legacyGate);
const ring = object({
  name: line(1, 100),
  sharePct: num(0, 100),
  devices: orNull(int(0, Number.MAX_SAFE_INTEGER)),
  startedAt: instant(),
  promotedAt: orNull(instant()),
  gate: orNull(ringGate),
});
const event = object({ kind: oneOf(r.ROLLOUT_EVENT_KINDS), at: instant(), reason: lines(1, 1000) });
const customerControl = object({ ringOptIn: bool(), nMinusOnePinning: bool(), delayHours: nullable(num(0, 8760)) });
const testRun = object({ kind: oneOf(TEST_KINDS), passed: bool(), evidenceUrl: orNull(httpUrl(2000)) });

/** The record's documented cross-field rules, checked on what the schema accepted. */
function recordRules(rec: Record<string, unknown>, _in: unknown, path: string): void {
  const rings = rec.rings as Record<string, unknown>[];
  const released = ms(rec.releasedAt);
  if (rings.length === 0) fail(`${path}.rings`, "a record without rings");
  const names = new Set<string>();
  rings.forEach((g, i) => {
    const at = `${path}.rings[${i}]`;
    const name = (g.name as string).toLowerCase();
    if (names.has(name)) fail(at, "ring name used twice", g.name);
    names.add(name);
    if (ms(g.startedAt) < released) fail(at, "starts before the release");
    if (g.promotedAt !== null && ms(g.promotedAt) < ms(g.startedAt)) fail(at, "promoted before it started");
    const gate = g.gate as Record<string, unknown> | null;
    if (gate && "evaluatedAt" in gate && ms(gate.evaluatedAt) < ms(g.startedAt)) fail(at, "gate evaluated before the ring started");
    if (rec.fleetSize !== null && g.devices !== null && (g.devices as number) > (rec.fleetSize as number)) fail(at, "more devices than the fleet");
    const prev = rings[i - 1];
    if (!prev) return;
    if ((g.sharePct as number) < (prev.sharePct as number)) fail(at, "cumulative share falls");
    if (g.devices !== null && prev.devices !== null && (g.devices as number) < (prev.devices as number)) fail(at, "cumulative devices fall");
    if (ms(g.startedAt) < ms(prev.startedAt)) fail(at, "starts before the ring before it");
  });
  (rec.events as Record<string, unknown>[]).forEach((e, i) => void (ms(e.at) < released && fail(`${path}.events[${i}]`, "event before the release")));
  if (rec.notes === "") fail(`${path}.notes`, "empty notes kept instead of null");
}

export const recordShape: Shape = object(
  {
    releaseId: line(1, 100),
    version: line(1, 50),
    channel: oneOf(UPDATE_CHANNELS),
    kernelMode: bool(),
    releasedAt: instant(),
    fleetSize: orNull(int(1, Number.MAX_SAFE_INTEGER)),
    rings: array(ring, 0, 500),
    events: array(event, 0, 20_000),
    customerControl,
    tests: array(testRun, 0, 200),
    notes: custom(fc.oneof(fc.constant(null), fc.string({ maxLength: 30 })), (o, i, p) => {
      if (o !== null) return lines(1, 8000).check(o, i, p);
      if (typeof i === "string" && i.trim() !== "") fail(p, "notes dropped", i);
    }),
  },
  { also: recordRules },
);

/** Valid records: generated ones and the fixtures. */
export const validRecords = fc.oneof(validRecordArb, fc.constantFrom(referenceModelContent, referenceModelCode, referenceIncident));

const ringStarted = object({
  type: literal("ring_started"),
  name: line(1, 100),
  sharePct: num(0, 100),
  devices: orNull(int(0, Number.MAX_SAFE_INTEGER)),
  startedAt: instant(),
});
const gateEvaluated = object({ type: literal("gate_evaluated"), ring: line(1, 100), gate: healthGate });
const ringPromoted = object({ type: literal("ring_promoted"), ring: line(1, 100), at: instant() });
const incident = object({ type: oneOf(r.ROLLOUT_EVENT_KINDS), at: instant(), reason: lines(1, 1000) });
const closeEvent = object({ type: literal("close"), at: instant() });

const isoUtc = (): Shape =>
  custom(
    fc.date({ min: new Date(0), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
    (o, _i, p) => {
      if (typeof o !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(o)) return fail(p, "not an ISO-8601 UTC time", o);
      const day = o.slice(0, 10);
      if (!Number.isFinite(Date.parse(o)) || new Date(Date.parse(`${day}T00:00:00Z`)).toISOString().slice(0, 10) !== day) fail(p, "not a real time", o);
    },
  );
const finding = object({
  code: anyString(),
  severity: oneOf(SEVERITIES),
  title: anyString(),
  explanation: anyString(),
  controls: array(anyString(), 0, Number.MAX_SAFE_INTEGER),
});
const analysis = custom(
  fc.constantFrom(null, { findings: [] }),
  (o, _i, p) => void (o !== null && (typeof o !== "object" || Array.isArray(o)) && fail(p, "not an object or null", o)),
);
const summaryFields = {
  id: uuid(),
  productId: uuid(),
  productName: anyString(),
  releaseId: anyString(),
  version: anyString(),
  channel: oneOf(["code", "content"]),
  releasedAt: isoUtc(),
  worstSeverity: nullable(oneOf(SEVERITIES)),
  source: oneOf(["form", "upload", "api"]),
  state: oneOf(["open", "closed"]),
  href: anyString(),
};
const summary = object(summaryFields);
const detailFields = {
  ...summaryFields,
  createdAt: isoUtc(),
  updatedAt: isoUtc(),
  appendCount: int(0, Number.MAX_SAFE_INTEGER),
  analyserVersion: nullable(anyString()),
  frameworkVersionId: nullable(uuid()),
  record: anything(),
  findings: array(finding, 0, Number.MAX_SAFE_INTEGER),
  analysis,
};

export const ROLLOUT_SPECS: SpecTable = {
  ["lib/rollouts/instant.ts#instantSchema"]: { schema: instantSchema, shape: instant() },
  [`${MODULE}#healthGateSchema`]: { schema: r.healthGateSchema, shape: healthGate },
  [`${MODULE}#legacyHealthGateSchema`]: { schema: r.legacyHealthGateSchema, shape: legacyGate },
  [`${MODULE}#ringGateSchema`]: { schema: r.ringGateSchema, shape: ringGate },
  [`${MODULE}#ringSchema`]: { schema: r.ringSchema, shape: ring },
  [`${MODULE}#rolloutEventSchema`]: { schema: r.rolloutEventSchema, shape: event },
  [`${MODULE}#customerControlSchema`]: { schema: r.customerControlSchema, shape: customerControl },
  [`${MODULE}#testRunSchema`]: { schema: r.testRunSchema, shape: testRun },
  [`${MODULE}#rolloutRecordSchema`]: { schema: r.rolloutRecordSchema, shape: recordShape, valid: validRecords },

  [`${EVENTS}#ringStartedEventSchema`]: { schema: ev.ringStartedEventSchema, shape: ringStarted },
  [`${EVENTS}#gateEvaluatedEventSchema`]: { schema: ev.gateEvaluatedEventSchema, shape: gateEvaluated },
  [`${EVENTS}#ringPromotedEventSchema`]: { schema: ev.ringPromotedEventSchema, shape: ringPromoted },
  [`${EVENTS}#incidentEventSchema`]: { schema: ev.incidentEventSchema, shape: incident },
  [`${EVENTS}#closeEventSchema`]: { schema: ev.closeEventSchema, shape: closeEvent },
  [`${EVENTS}#appendEventSchema`]: { schema: ev.appendEventSchema, shape: union(ringStarted, gateEvaluated, ringPromoted, incident, closeEvent) },

  [`${API}#recordRefSchema`]: { schema: api.recordRefSchema, shape: recordShape, valid: validRecords },
  [`${API}#findingSchema`]: { schema: api.findingSchema, shape: finding },
  [`${API}#rolloutSummarySchema`]: { schema: api.rolloutSummarySchema, shape: summary },
  [`${API}#rolloutListSchema`]: { schema: api.rolloutListSchema, shape: object({ items: array(summary, 0, Number.MAX_SAFE_INTEGER) }) },
  [`${API}#rolloutDetailSchema`]: { schema: api.rolloutDetailSchema, shape: object(detailFields) },
  [`${API}#createRolloutBodySchema`]: {
    schema: api.createRolloutBodySchema,
    shape: object({ productId: uuid(), state: withDefault(oneOf(["open", "closed"]), "closed"), record: recordShape }),
    valid: fc.record({ productId: fc.uuid(), state: fc.constantFrom("open", "closed"), record: validRecords }, { requiredKeys: ["productId", "record"] }),
  },
  [`${API}#dryRunBodySchema`]: { schema: api.dryRunBodySchema, shape: object({ record: recordShape }), valid: fc.record({ record: validRecords }) },
  [`${API}#dryRunResultSchema`]: {
    schema: api.dryRunResultSchema,
    shape: object({
      stored: literal(false),
      frameworkVersionId: nullable(uuid()),
      analyserVersion: anyString(),
      worstSeverity: nullable(oneOf(SEVERITIES)),
      findings: array(finding, 0, Number.MAX_SAFE_INTEGER),
      analysis,
    }),
  },
  [`${API}#problemSchema`]: {
    schema: api.problemSchema,
    shape: object({
      type: anyString(),
      title: anyString(),
      status: int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      detail: anyString(),
      errors: optional(array(object({ path: anyString(), message: anyString() }), 0, Number.MAX_SAFE_INTEGER)),
    }),
  },
};
