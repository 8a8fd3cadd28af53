import type { UpdateChannel } from "@/lib/catalog/schema";
import { inSentence, listInSentence } from "@/lib/format";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { CHANNEL_LABELS, TEST_KIND_LABELS } from "@/lib/validations/catalog";
import { findingControls, testControls } from "./controls";
import { globalPushRing, type Exposure } from "./exposure";
import type { FailureCase } from "./failures";
import { bakeFindings, failureFindings, gateFindings } from "./gate-findings";
import type { Policy } from "./policy";
import { testGapSeverity, type TestCoverage } from "./tests";
import { formatPct, STOP_KINDS } from "./timing";
import { compareSeverity, FINDING_CODES, worstSeverity, type Finding, type FindingCode, type RingTiming, type Severity } from "./types";

export interface FindingInputs {
  record: RolloutRecord;
  policy: Policy;
  rings: RingTiming[];
  exposure: Exposure;
  failures: FailureCase[];
  tests: TestCoverage;
}

type RuleCode = Exclude<FindingCode, "missing_tests" | "failed_tests">;

/** A finding maker bound to the record's channel (staged-rollout controls differ by channel). */
const maker =
  (channel: UpdateChannel) =>
  (code: RuleCode, severity: Severity, title: string, explanation: string): Finding => ({
    code,
    severity,
    title,
    explanation,
    controls: findingControls(code, channel),
  });

function exposureFindings({ record, policy, exposure: x, rings }: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const finding = maker(record.channel);
  const max = policy.maxFirstRingPct;
  const pct = x.exposurePctBeforeFirstPassedGate;
  if (pct > max) {
    const bySize: Severity = pct >= 50 ? "critical" : pct > max * 5 ? "major" : "minor";
    const severity = policy.kernelRisk && bySize === "minor" ? "major" : bySize;
    const devices = x.devicesBeforeFirstPassedGate != null ? ` (${x.devicesBeforeFirstPassedGate.toLocaleString("en-US")} devices)` : "";
    const when = x.firstPassedGateRing ? `before the first health gate passed (ring '${x.firstPassedGateRing}')` : "before any health gate passed";
    out.push(
      finding(
        "exposure_before_gate",
        severity,
        "Fleet exposed before a health gate passed",
        `${formatPct(pct)} of the fleet${devices} received the release ${when} (policy: at most ${formatPct(max)}).`,
      ),
    );
  }
  if (rings.every((r) => r.gate === "none"))
    out.push(
      finding(
        "no_gates",
        "major",
        "No health gates",
        rings.length === 1
          ? "The only ring recorded no health gate, so nothing tied the rollout to a health signal."
          : `None of the ${rings.length} rings recorded a health gate, so no promotion was conditioned on a health signal.`,
      ),
    );
  const push = globalPushRing(rings, policy);
  if (push) {
    const from = push.index === 0 ? 0 : rings[push.index - 1]!.sharePct;
    out.push(
      finding(
        "global_push",
        "critical",
        "Global push",
        `Ring '${push.name}' took the release from ${formatPct(from)} to ${formatPct(push.sharePct)} of the fleet in one step (policy: from at most ${formatPct(max)} to at least ${formatPct(policy.globalPushPct)} in one step is a global push; stage the rings between).`,
      ),
    );
  }
  if (x.noCanary)
    out.push(
      finding(
        "no_canary",
        x.firstRingPct >= 50 ? "critical" : "major",
        "No canary ring",
        `The first ring ('${rings[0]!.name}') reached ${formatPct(x.firstRingPct)} of the fleet (policy: at most ${formatPct(max)}).`,
      ),
    );
  if (x.largestStepPct > policy.maxExposureStepPct) {
    const steps = rings.filter((r) => r.stepPct > policy.maxExposureStepPct).sort((a, b) => b.stepPct - a.stepPct);
    const big = steps
      .slice(0, 8)
      .map((r) => `'${r.name}' +${formatPct(r.stepPct)}`)
      .concat(steps.length > 8 ? [`and ${steps.length - 8} more rings`] : []);
    out.push(
      finding(
        "large_step",
        "major",
        "Exposure jumped too far in one ring",
        `The largest increase in cumulative exposure between rings was ${formatPct(x.largestStepPct)} (${big.join(", ")}; policy: at most ${policy.maxExposureStepPct} percentage points).`,
      ),
    );
  }
  return out;
}

function testFindings({ record, tests }: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const sev = (kinds: FindingInputs["tests"]["missingTestKinds"]) =>
    worstSeverity(kinds.map((k) => ({ severity: testGapSeverity(k, record.channel) }))) ?? "major";
  if (tests.missingTestKinds.length > 0)
    out.push({
      code: "missing_tests",
      severity: sev(tests.missingTestKinds),
      title: "Required tests not recorded",
      explanation: `${tests.missingTestKinds.length} of ${tests.requiredTestKinds.length} test kinds required for ${inSentence(CHANNEL_LABELS[record.channel])} have no recorded run: ${listInSentence(tests.missingTestKinds.map((k) => TEST_KIND_LABELS[k]))}.`,
      controls: testControls(tests.missingTestKinds),
    });
  if (tests.failedTestKinds.length > 0)
    out.push({
      code: "failed_tests",
      severity: sev(tests.failedTestKinds),
      title: "Released despite failed tests",
      explanation: `The release shipped with failed and never re-passed tests of kind: ${listInSentence(tests.failedTestKinds.map((k) => TEST_KIND_LABELS[k]))}.`,
      controls: testControls(tests.failedTestKinds),
    });
  return out;
}

function contextFindings({ record, rings }: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const finding = maker(record.channel);
  const cc = record.customerControl;
  if (!cc.ringOptIn && !cc.nMinusOnePinning && !(cc.delayHours && cc.delayHours > 0))
    out.push(
      finding(
        "no_customer_control",
        "minor",
        "No customer control",
        "Customers could not choose a ring, pin the previous version (N-1) or delay this release.",
      ),
    );
  const last = rings[rings.length - 1]!;
  const stopped = record.events.some((e) => STOP_KINDS.has(e.kind) || e.kind === "rollback_completed");
  if (last.declaredPromotedAt === null && last.sharePct < 100 && !stopped)
    out.push(
      finding(
        "open_ring",
        "info",
        "Rollout still open",
        `The last ring ('${last.name}') reaches ${formatPct(last.sharePct)} of the fleet and has no promotion time; the analysis covers the rollout so far.`,
      ),
    );
  return out;
}

/** All findings, most serious first; ties keep the order of FINDING_CODES. */
export function buildFindings(inp: FindingInputs): Finding[] {
  const make = maker(inp.record.channel);
  const all = [
    ...exposureFindings(inp),
    ...testFindings(inp),
    ...bakeFindings(inp.record, inp.rings, inp.policy, make),
    ...gateFindings(inp.record, inp.rings, inp.policy, make),
    ...failureFindings(inp.failures, inp.policy, make),
    ...contextFindings(inp),
  ];
  return all.sort((a, b) => compareSeverity(a.severity, b.severity) || FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code));
}
