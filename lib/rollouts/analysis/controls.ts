import type { TestKind, UpdateChannel } from "@/lib/catalog/schema";
import type { FindingCode } from "./types";

/**
 * Control ids of the baseline catalog (db/seed/catalog/sdp-1.0) that each finding
 * bears on. Kept in one table so a catalog renumbering is a one-file change.
 */
export const CONTROL_IDS = {
  stagedCode: "SDP-ROL-01", // staged ring deployment of code updates
  stagedContent: "SDP-ROL-02", // staged ring deployment of content updates
  canary: "SDP-ROL-03", // internal and canary rings
  bakeTimes: "SDP-ROL-04", // minimum bake times
  exposureSteps: "SDP-ROL-05", // bounded exposure steps
  healthGates: "SDP-GATE-01", // health signals and pass criteria for every ring
  automatedHalt: "SDP-GATE-03", // automated halt on a failing gate
  gateRecords: "SDP-GATE-04", // recorded gate decisions
  globalPause: "SDP-REC-01", // global pause of a rollout
  rollback: "SDP-REC-02", // rollback to the last known good version
  ringChoice: "SDP-CUS-01", // customer choice of deployment ring
  codePinning: "SDP-CUS-02", // N-1 pinning of sensor code
  contentDelay: "SDP-CUS-03", // content delays
} as const;

/** Pre-release test controls (SDP-TST-xx) by test kind. */
export const TEST_CONTROL_IDS: Record<TestKind, string> = {
  developer: "SDP-TST-01",
  content_interface: "SDP-TST-02",
  validator: "SDP-TST-03",
  fuzzing: "SDP-TST-04",
  fault_injection: "SDP-TST-04",
  stress: "SDP-TST-04",
  stability: "SDP-TST-05",
  rollback: "SDP-TST-06",
};

const C = CONTROL_IDS;

export function findingControls(code: Exclude<FindingCode, "missing_tests" | "failed_tests">, channel: UpdateChannel): string[] {
  const staged = channel === "code" ? C.stagedCode : C.stagedContent;
  switch (code) {
    case "exposure_before_gate":
      return [staged, C.canary, C.healthGates];
    case "global_push":
      return [staged, C.exposureSteps];
    case "no_canary":
      return [C.canary];
    case "short_bake":
      return [C.bakeTimes];
    case "early_next_ring":
      return [C.bakeTimes, C.gateRecords];
    case "ungated_promotion":
      return [C.healthGates, C.gateRecords];
    case "no_halt":
      return [C.automatedHalt, C.globalPause];
    case "no_rollback":
      return [C.rollback, C.automatedHalt];
    case "gate_claim_contradicted":
      return [C.gateRecords, C.healthGates];
    case "unverifiable_gate":
      return [C.gateRecords];
    case "large_step":
      return [C.exposureSteps];
    case "promoted_after_failed_gate":
      return [C.healthGates, C.automatedHalt, C.gateRecords];
    case "slow_halt":
      return [C.automatedHalt, C.globalPause];
    case "no_gates":
      return [C.healthGates, C.gateRecords];
    case "no_customer_control":
      return channel === "code" ? [C.ringChoice, C.codePinning] : [C.ringChoice, C.contentDelay];
    case "open_ring":
      return [staged];
  }
}

export function testControls(kinds: ReadonlyArray<TestKind>): string[] {
  const ids = new Set(kinds.map((k) => TEST_CONTROL_IDS[k]));
  if (kinds.includes("rollback")) ids.add(C.rollback);
  return [...ids].sort();
}
