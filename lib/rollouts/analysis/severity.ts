import type { Policy } from "./policy";
import type { Severity } from "./types";

/**
 * How serious a lapse is, by the share of the fleet it put at risk. At most a
 * canary (maxFirstRingPct): minor, major for kernel-mode releases. Above that:
 * major. From 10% for kernel-mode releases, and from 50% for any: critical.
 * Non-decreasing in `pct`, so more exposure never reads as milder.
 */
export function exposureSeverity(pct: number, policy: Policy): Severity {
  if (pct >= 50) return "critical";
  if (policy.kernelRisk && pct >= 10) return "critical";
  if (pct > policy.maxFirstRingPct) return "major";
  return policy.kernelRisk ? "major" : "minor";
}

/**
 * A short bake, by how short and what it let through. At least 80% of the minimum:
 * minor. Less: major. Under a quarter of the minimum when the release is kernel-mode
 * or the next ring reaches half the fleet: critical.
 */
export function shortBakeSeverity(bakeMinutes: number, nextSharePct: number, policy: Policy): Severity {
  const ratio = policy.minBakeMinutes > 0 ? bakeMinutes / policy.minBakeMinutes : 1;
  if (ratio >= 0.8) return "minor";
  if (ratio < 0.25 && (policy.kernelRisk || nextSharePct >= 50)) return "critical";
  return "major";
}

/** Raise a severity to at least `floor`. */
export function atLeast(s: Severity, floor: Severity): Severity {
  const rank: Record<Severity, number> = { critical: 0, major: 1, minor: 2, info: 3 };
  return rank[s] <= rank[floor] ? s : floor;
}
