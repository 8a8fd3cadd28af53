import type { RolloutThresholds, UpdateChannel } from "@/lib/catalog/schema";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { findingControls, testControls } from "./controls";
import type { Exposure } from "./exposure";
import { testGapSeverity, type TestCoverage } from "./tests";
import { formatMinutes, formatPct, STOP_KINDS, type IncidentTimes } from "./timing";
import { compareSeverity, FINDING_CODES, worstSeverity, type Finding, type FindingCode, type RingTiming, type Severity } from "./types";

export interface FindingInputs {
  record: RolloutRecord;
  thresholds: RolloutThresholds;
  rings: RingTiming[];
  exposure: Exposure;
  incident: IncidentTimes;
  tests: TestCoverage;
  shortBake: RingTiming[];
  promotedAfterFailedGate: RingTiming[];
}

const quoteList = (names: string[]) => names.map((n) => `'${n}'`).join(", ");

type RuleCode = Exclude<FindingCode, "missing_tests" | "failed_tests">;

/** A finding maker bound to the record's channel (staged-rollout controls differ by channel). */
const maker = (channel: UpdateChannel) => (code: RuleCode, severity: Severity, title: string, explanation: string): Finding => ({
  code, severity, title, explanation, controls: findingControls(code, channel),
});

function exposureFindings({ record, thresholds, exposure: x, rings }: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const finding = maker(record.channel);
  const max = thresholds.maxFirstRingPct;
  const pct = x.exposurePctBeforeFirstPassedGate;
  if (pct > max) {
    const severity: Severity = pct >= 50 ? "critical" : pct > max * 5 ? "major" : "minor";
    const devices = x.devicesBeforeFirstPassedGate != null ? ` (${x.devicesBeforeFirstPassedGate.toLocaleString("en-US")} devices)` : "";
    const when = x.firstPassedGateRing ? `before the first health gate passed (ring '${x.firstPassedGateRing}')` : "before any health gate passed";
    out.push(finding("exposure_before_gate", severity, "Fleet exposed before a health gate passed",
      `${formatPct(pct)} of the fleet${devices} received the release ${when} (policy: at most ${formatPct(max)}).`));
  }
  if (rings.every((r) => r.gate === "none"))
    out.push(finding("no_gates", "major", "No health gates", rings.length === 1
      ? "The only ring recorded no health gate, so nothing tied the rollout to a health signal."
      : `None of the ${rings.length} rings recorded a health gate, so no promotion was conditioned on a health signal.`));
  if (x.globalPush) {
    const ring = rings.find((r, i) => r.sharePct >= 100 && (i === 0 || rings[i - 1]!.sharePct < max))!;
    const from = ring.index === 0 ? 0 : rings[ring.index - 1]!.sharePct;
    out.push(finding("global_push", "critical", "Global push", `Ring '${ring.name}' took the release from ${formatPct(from)} to ${formatPct(ring.sharePct)} of the fleet in one step (policy: a first ring of at most ${formatPct(max)}, then staged rings).`));
  }
  if (x.noCanary)
    out.push(finding("no_canary", x.firstRingPct >= 50 ? "critical" : "major", "No canary ring",
      `The first ring ('${rings[0]!.name}') reached ${formatPct(x.firstRingPct)} of the fleet (policy: at most ${formatPct(max)}).`));
  if (x.largestStepPct > thresholds.maxExposureStepPct) {
    const big = rings.filter((r) => r.stepPct > thresholds.maxExposureStepPct).map((r) => `'${r.name}' +${formatPct(r.stepPct)}`);
    out.push(finding("large_step", "major", "Exposure jumped too far in one ring",
      `The largest increase in cumulative exposure between rings was ${formatPct(x.largestStepPct)} (${big.join(", ")}; policy: at most ${thresholds.maxExposureStepPct} percentage points).`));
  }
  return out;
}

function testFindings({ record, tests }: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const sev = (kinds: FindingInputs["tests"]["missingTestKinds"]) => worstSeverity(kinds.map((k) => ({ severity: testGapSeverity(k, record.channel) }))) ?? "major";
  if (tests.missingTestKinds.length > 0)
    out.push({ code: "missing_tests", severity: sev(tests.missingTestKinds), title: "Required tests not recorded",
      explanation: `${tests.missingTestKinds.length} of ${tests.requiredTestKinds.length} test kinds required for ${record.channel} updates have no recorded run: ${tests.missingTestKinds.join(", ")}.`,
      controls: testControls(tests.missingTestKinds) });
  if (tests.failedTestKinds.length > 0)
    out.push({ code: "failed_tests", severity: sev(tests.failedTestKinds), title: "Released despite failed tests",
      explanation: `The release shipped with failed and never re-passed tests of kind: ${tests.failedTestKinds.join(", ")}.`,
      controls: testControls(tests.failedTestKinds) });
  return out;
}

function timingFindings(inp: FindingInputs): Finding[] {
  const { record, thresholds, shortBake, promotedAfterFailedGate, incident } = inp;
  const out: Finding[] = [];
  const finding = maker(record.channel);
  const min = thresholds.minBakeMinutes[record.channel];
  if (shortBake.length > 0) {
    const allClose = shortBake.every((r) => (r.bakeMinutes ?? 0) >= min * 0.8);
    const list = shortBake.map((r) => `'${r.name}' ${formatMinutes(r.bakeMinutes ?? 0)}`).join(", ");
    out.push(finding("short_bake", allClose ? "minor" : "major", "Rings promoted before the minimum bake time",
      `${shortBake.length} ring(s) were promoted before baking ${formatMinutes(min)}, the minimum for ${record.channel} updates: ${list}.`));
  }
  if (promotedAfterFailedGate.length > 0)
    out.push(finding("promoted_after_failed_gate", "critical", "Promoted past a failed health gate",
      `The rollout continued past failed health gate(s) in ring(s) ${quoteList(promotedAfterFailedGate.map((r) => r.name))}.`));
  const late = incident.minutesFirstFailureToHalt;
  if (incident.neverHaltedAfterFailure)
    out.push(finding("slow_halt", "major", "No halt after a failed gate",
      `Ring '${incident.firstFailureRing}' failed its health gate at ${incident.firstFailureAt} and no pause, halt or rollback followed (policy: halt within ${formatMinutes(thresholds.maxMinutesToHalt)}).`));
  else if (late !== null && late > thresholds.maxMinutesToHalt)
    out.push(finding("slow_halt", "major", "Slow halt after a failed gate",
      `The rollout was halted ${formatMinutes(late)} after ring '${incident.firstFailureRing}' failed its health gate (policy: at most ${formatMinutes(thresholds.maxMinutesToHalt)}).`));
  return out;
}

function contextFindings({ record, rings }: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const finding = maker(record.channel);
  const cc = record.customerControl;
  if (!cc.ringOptIn && !cc.nMinusOnePinning && !(cc.delayHours && cc.delayHours > 0))
    out.push(finding("no_customer_control", "minor", "No customer control",
      "Customers could not choose a ring, pin the previous version (N-1) or delay this release."));
  const last = rings[rings.length - 1]!;
  const stopped = record.events.some((e) => STOP_KINDS.has(e.kind) || e.kind === "rollback_completed");
  if (last.promotedAt === null && last.sharePct < 100 && !stopped)
    out.push(finding("open_ring", "info", "Rollout still open",
      `The last ring ('${last.name}') reaches ${formatPct(last.sharePct)} of the fleet and has no promotion time; the analysis covers the rollout so far.`));
  return out;
}

/** All findings, most serious first; ties keep the order of FINDING_CODES. */
export function buildFindings(inp: FindingInputs): Finding[] {
  const all = [...exposureFindings(inp), ...testFindings(inp), ...timingFindings(inp), ...contextFindings(inp)];
  return all.sort((a, b) => compareSeverity(a.severity, b.severity) || FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code));
}
