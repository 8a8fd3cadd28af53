import { z } from "zod";
import { healthGateSchema, ringSchema, rolloutEventSchema, ROLLOUT_EVENT_KINDS, type RolloutRecord } from "./record-schema";

/**
 * One step a pipeline reports while a rollout proceeds. Field schemas are the
 * record's own (ring fields, event time and reason, the health gate as it is),
 * so an event accepted here is checked exactly as it will be inside the record.
 */
const ringName = ringSchema.shape.name.describe("The ring's name, as given when it started (case does not matter)");
const at = rolloutEventSchema.shape.at;

export const ringStartedEventSchema = z
  .object({ type: z.literal("ring_started") })
  .extend(ringSchema.pick({ name: true, sharePct: true, devices: true, startedAt: true }).shape)
  .describe("Delivery to a new ring started");

export const gateEvaluatedEventSchema = z
  .object({ type: z.literal("gate_evaluated"), ring: ringName, gate: healthGateSchema })
  .describe("The health gate of a ring was evaluated");

export const ringPromotedEventSchema = z.object({ type: z.literal("ring_promoted"), ring: ringName, at }).describe("The rollout was promoted past a ring");

const [first, ...rest] = ROLLOUT_EVENT_KINDS;
export const incidentEventSchema = z
  .object({ type: z.enum([first, ...rest]), at, reason: rolloutEventSchema.shape.reason })
  .describe("The rollout was paused, halted, resumed or rolled back");

export const closeEventSchema = z.object({ type: z.literal("close"), at }).describe("The rollout is complete; no more events will be appended");

export const appendEventSchema = z
  .discriminatedUnion("type", [ringStartedEventSchema, gateEvaluatedEventSchema, ringPromotedEventSchema, incidentEventSchema, closeEventSchema], {
    error: `The type must be one of ring_started, gate_evaluated, ring_promoted, ${ROLLOUT_EVENT_KINDS.join(", ")}, close.`,
  })
  .describe("One event appended to an open rollout record");

export type AppendEvent = z.output<typeof appendEventSchema>;

export type ApplyResult = { ok: true; record: RolloutRecord; close: boolean } | { ok: false; path: string; message: string };

/**
 * The record after `event`, unvalidated: the caller re-checks the whole record
 * (ring order, times after release, …) with checkRolloutRecord. Pure.
 */
export function applyRolloutEvent(record: RolloutRecord, event: AppendEvent): ApplyResult {
  const findRing = (name: string) => record.rings.findIndex((r) => r.name.toLowerCase() === name.toLowerCase());
  const withRing = (name: string, change: (ring: RolloutRecord["rings"][number]) => RolloutRecord["rings"][number]): ApplyResult => {
    const i = findRing(name);
    if (i < 0) return { ok: false, path: "ring", message: `There is no ring named "${name}" in this record.` };
    return { ok: true, close: false, record: { ...record, rings: record.rings.map((r, j) => (j === i ? change(r) : r)) } };
  };
  switch (event.type) {
    case "ring_started":
      return {
        ok: true,
        close: false,
        record: {
          ...record,
          rings: [
            ...record.rings,
            { name: event.name, sharePct: event.sharePct, devices: event.devices ?? null, startedAt: event.startedAt, promotedAt: null, gate: null },
          ],
        },
      };
    case "gate_evaluated":
      return withRing(event.ring, (r) => ({ ...r, gate: event.gate }));
    case "ring_promoted":
      return withRing(event.ring, (r) => ({ ...r, promotedAt: event.at }));
    case "close":
      return { ok: true, close: true, record };
    default:
      return { ok: true, close: false, record: { ...record, events: [...record.events, { kind: event.type, at: event.at, reason: event.reason }] } };
  }
}
