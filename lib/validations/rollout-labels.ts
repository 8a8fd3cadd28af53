import type { GATE_METRICS, ROLLOUT_EVENT_KINDS } from "@/lib/rollouts/record-constants";

/**
 * The rollout forms' labels and limits, without zod: client components import them from here, so a
 * form page does not ship the validation library with its first load (lib/validations/rollouts.ts
 * re-exports them).
 */

/** Largest rollout file the upload form takes (its text is checked against it, as characters). */
export const ROLLOUT_FILE_MAX_BYTES = 1024 * 1024;

export const ROLLOUT_EVENT_KIND_LABELS: Record<(typeof ROLLOUT_EVENT_KINDS)[number], string> = {
  pause: "Pause",
  halt: "Halt",
  resume: "Resume",
  rollback_started: "Rollback started",
  rollback_completed: "Rollback completed",
};

export const GATE_METRIC_LABELS: Record<(typeof GATE_METRICS)[number], string> = {
  crash_rate: "Crash rate",
  boot_failure_rate: "Boot failure rate",
  sensor_offline_rate: "Sensor offline rate",
  cpu: "CPU use",
  memory: "Memory use",
  false_positive_rate: "False positive rate",
  custom: "Custom metric",
};
