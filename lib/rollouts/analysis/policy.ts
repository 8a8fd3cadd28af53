import type { RolloutThresholds } from "@/lib/catalog/schema";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { formatMinutes } from "./timing";

/**
 * Defaults for threshold fields added after sdp-1.0 was first published. Published
 * catalog versions are immutable, so their stored thresholds lack these fields.
 * Kernel-mode code: 48 h, the platform's own critical time-delay channel (DOMAIN.md §3),
 * twice the ordinary 24 h. Content that kernel-mode code interprets: 4 h, four times
 * the ordinary 60 min; in July 2024 such content crashed hosts within about an hour.
 */
export const KERNEL_MODE_BAKE_DEFAULTS = { code: 48 * 60, content: 4 * 60 } as const;
/** A step from canary size to at least 90% of the fleet leaves at most a tenth of it unexposed: a global push. */
export const GLOBAL_PUSH_PCT_DEFAULT = 90;

export interface Policy {
  maxFirstRingPct: number;
  maxExposureStepPct: number;
  maxMinutesToHalt: number;
  /** Minimum bake for this record: the kernel-mode minimum when kernelRisk, never below the ordinary one. */
  minBakeMinutes: number;
  globalPushPct: number;
  /** Kernel-mode code, or content that kernel-mode code interprets (record.kernelMode). */
  kernelRisk: boolean;
}

export function rolloutPolicy(record: RolloutRecord, t: RolloutThresholds, assumptions: string[]): Policy {
  const kernelRisk = record.kernelMode;
  const ordinary = t.minBakeMinutes[record.channel];
  let minBake = ordinary;
  if (kernelRisk) {
    const kernel = t.kernelModeMinBakeMinutes?.[record.channel];
    if (kernel === undefined)
      assumptions.push(
        `The catalog version sets no kernel-mode bake minimum; the default for kernel-mode ${record.channel} releases, ${formatMinutes(KERNEL_MODE_BAKE_DEFAULTS[record.channel])}, is used.`,
      );
    minBake = Math.max(ordinary, kernel ?? KERNEL_MODE_BAKE_DEFAULTS[record.channel]);
  }
  return {
    maxFirstRingPct: t.maxFirstRingPct,
    maxExposureStepPct: t.maxExposureStepPct,
    maxMinutesToHalt: t.maxMinutesToHalt,
    minBakeMinutes: minBake,
    globalPushPct: t.globalPushPct ?? GLOBAL_PUSH_PCT_DEFAULT,
    kernelRisk,
  };
}
