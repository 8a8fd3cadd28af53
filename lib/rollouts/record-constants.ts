/**
 * A rollout record's enumerations, without zod: the rollout form's editors import them from here so
 * the page does not ship the validation library with its first load; record-schema.ts re-exports them.
 */

export const ROLLOUT_EVENT_KINDS = ["pause", "halt", "resume", "rollback_started", "rollback_completed"] as const;
export type RolloutEventKind = (typeof ROLLOUT_EVENT_KINDS)[number];

export const GATE_METRICS = ["crash_rate", "boot_failure_rate", "sensor_offline_rate", "cpu", "memory", "false_positive_rate", "custom"] as const;
export type GateMetric = (typeof GATE_METRICS)[number];
export const GATE_COMPARATORS = ["<", "<=", ">", ">="] as const;
export type GateComparator = (typeof GATE_COMPARATORS)[number];
/** Metrics whose failure means devices were harmed (crashed, failed to boot, lost protection): a rollback is due. */
export const HARM_METRICS: ReadonlySet<GateMetric> = new Set(["crash_rate", "boot_failure_rate", "sensor_offline_rate"]);
