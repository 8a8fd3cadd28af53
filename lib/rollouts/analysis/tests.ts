import type { RolloutThresholds, TestKind, UpdateChannel } from "@/lib/catalog/schema";
import { TEST_KINDS } from "@/lib/catalog/schema";
import type { TestRun } from "@/lib/rollouts/record-schema";
import type { Severity } from "./types";

export interface TestCoverage {
  requiredTestKinds: TestKind[];
  /** Required kinds with no recorded run. */
  missingTestKinds: TestKind[];
  /** Kinds (required or not) with at least one failed run and no passing run: re-runs that passed clear a failure. */
  failedTestKinds: TestKind[];
}

const inCatalogOrder = (kinds: Iterable<TestKind>): TestKind[] => {
  const set = new Set(kinds);
  return TEST_KINDS.filter((k) => set.has(k));
};

export function analyseTests(tests: ReadonlyArray<TestRun>, channel: UpdateChannel, thresholds: RolloutThresholds): TestCoverage {
  const required = inCatalogOrder(thresholds.requiredTestKinds[channel]);
  const ran = new Set(tests.map((t) => t.kind));
  const passed = new Set(tests.filter((t) => t.passed).map((t) => t.kind));
  return {
    requiredTestKinds: required,
    missingTestKinds: required.filter((k) => !ran.has(k)),
    failedTestKinds: inCatalogOrder(tests.filter((t) => !t.passed && !passed.has(t.kind)).map((t) => t.kind)),
  };
}

/**
 * How serious a missing or failed test kind is. The July 2024 incident was a content
 * update whose interface and validator checks fell short, and every update needs a
 * proven way back: so content_interface and validator on the content channel and
 * rollback on either channel are critical; every other gap is major.
 */
export function testGapSeverity(kind: TestKind, channel: UpdateChannel): Severity {
  if (kind === "rollback") return "critical";
  if (channel === "content" && (kind === "content_interface" || kind === "validator")) return "critical";
  return "major";
}
