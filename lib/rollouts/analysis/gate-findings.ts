import { count, formatUtc } from "@/lib/format";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { exposureText, haltPolicy, unansweredSeverity, type FailureCase } from "./failures";
import type { Policy } from "./policy";
import { exposureSeverity, shortBakeSeverity } from "./severity";
import { formatMinutes, formatPct, minutesBetween } from "./timing";
import { compareSeverity, worse, type Finding, type FindingCode, type RingTiming, type Severity } from "./types";

type Make = (code: Exclude<FindingCode, "missing_tests" | "failed_tests">, severity: Severity, title: string, explanation: string) => Finding;

/** Rings named with their numbers in one explanation; past this many, the rest are counted (the record page lists every ring). */
export const MAX_LISTED_RINGS = 8;

/**
 * One finding for many rings: the worst ring decides the severity. The rings
 * are listed with their numbers, the most severe first; a long record's
 * explanation names the first MAX_LISTED_RINGS and counts the rest.
 */
function grouped<T>(items: T[], severityOf: (t: T) => Severity, line: (t: T) => string, make: (s: Severity, lines: string) => Finding): Finding[] {
  if (items.length === 0) return [];
  const rated = items.map((item, i) => ({ item, i, severity: severityOf(item) }));
  const severity = rated.map((r) => r.severity).reduce(worse);
  if (items.length <= MAX_LISTED_RINGS) return [make(severity, items.map(line).join("; "))];
  const shown = [...rated]
    .sort((a, b) => compareSeverity(a.severity, b.severity) || a.i - b.i)
    .slice(0, MAX_LISTED_RINGS)
    .sort((a, b) => a.i - b.i);
  return [make(severity, `${shown.map((r) => line(r.item)).join("; ")}; and ${items.length - shown.length} more rings`)];
}

const kernelNote = (p: Policy, channel: string) => (p.kernelRisk ? `kernel-mode ${channel}` : channel);

/** Bakes measured from what happened: short bakes, and next rings that started before the recorded promotion. */
export function bakeFindings(record: RolloutRecord, rings: RingTiming[], policy: Policy, make: Make): Finding[] {
  const min = policy.minBakeMinutes;
  const promoted = rings.slice(0, -1);
  const short = promoted.filter((r) => r.bakeMinutes !== null && r.bakeMinutes < min);
  const early = promoted.filter((r) => r.nextStartedBeforePromotion);
  const next = (r: RingTiming) => rings[r.index + 1]!;
  const cut = (r: RingTiming) => minutesBetween(next(r).startedAt, r.declaredPromotedAt!);
  return [
    ...grouped(
      short,
      (r) => shortBakeSeverity(r.bakeMinutes!, next(r).sharePct, policy),
      (r) => `'${r.name}' baked ${formatMinutes(r.bakeMinutes!)} before '${next(r).name}' (${formatPct(next(r).sharePct)}) began`,
      (s, lines) =>
        make(
          "short_bake",
          s,
          "Rings promoted before the minimum bake time",
          `${count(short.length, "ring was", "rings were")} promoted before baking ${formatMinutes(min)}, the minimum for ${kernelNote(policy, record.channel)} updates: ${lines}.`,
        ),
    ),
    ...grouped(
      early,
      (r) => (cut(r) >= 0.2 * min ? "major" : "minor"),
      (r) =>
        `'${r.name}' recorded its promotion at ${formatUtc(r.declaredPromotedAt!)} but '${next(r).name}' started at ${formatUtc(next(r).startedAt)}, ${formatMinutes(cut(r))} earlier; its bake is measured to that start (${formatMinutes(r.bakeMinutes!)})`,
      (s, lines) =>
        make(
          "early_next_ring",
          s,
          "Next ring started before the recorded promotion",
          `${lines} (policy: a ring is promoted, and its bake ends, when the next ring starts).`,
        ),
    ),
  ];
}

/** Gates decide promotions: every promotion after the first ring needs a gate evaluated before the next ring started, and a failed gate stops the rollout. */
export function gateFindings(record: RolloutRecord, rings: RingTiming[], policy: Policy, make: Make): Finding[] {
  const promoted = rings.slice(0, -1);
  const next = (r: RingTiming) => rings[r.index + 1]!;
  const beforeNext = (r: RingTiming) => r.gateAt !== null && Date.parse(r.gateAt) <= Date.parse(next(r).startedAt);
  const pastFailed = promoted.filter((r) => r.gate === "failed" && beforeNext(r));
  const ungated = promoted.filter((r) => r.index > 0 && !((r.gate === "passed" || r.gate === "failed") && beforeNext(r)));
  const why = (r: RingTiming) =>
    r.gate === "none"
      ? "it had no gate"
      : r.gate === "pending"
        ? "its gate has no observed value"
        : `its gate was evaluated at ${formatUtc(r.gateAt!)}, after that`;
  const contradicted = rings.filter((r) => r.gateContradicted);
  const legacy = rings.filter((r) => !r.gateCheckable);
  return [
    ...grouped(
      pastFailed,
      () => "critical",
      (r) =>
        `'${r.name}' failed its gate at ${formatUtc(r.gateAt!)} and '${next(r).name}' (${formatPct(next(r).sharePct)}) started at ${formatUtc(next(r).startedAt)}`,
      (s, lines) => make("promoted_after_failed_gate", s, "Promoted past a failed health gate", `The rollout continued past a failed health gate: ${lines}.`),
    ),
    ...grouped(
      ungated,
      (r) => exposureSeverity(next(r).sharePct, policy),
      (r) =>
        `'${r.name}' (${formatPct(r.sharePct)}) was promoted when '${next(r).name}' started at ${formatUtc(next(r).startedAt)}, taking exposure to ${formatPct(next(r).sharePct)}, but ${why(r)}`,
      (s, lines) =>
        make(
          "ungated_promotion",
          s,
          "Promoted without a health gate",
          `${count(ungated.length, "ring")} after the first ${ungated.length === 1 ? "was" : "were"} promoted with no gate result before the next ring started: ${lines} (policy: every ring after the first passes an evaluated gate before promotion).`,
        ),
    ),
    ...grouped(
      contradicted,
      (r) => (r.gateClaim ? "major" : "minor"),
      (r) =>
        r.gateClaim
          ? `'${r.name}' was reported passed, but its observed value fails its own threshold`
          : `'${r.name}' was reported failed, although its observed value meets its threshold (treated as failed)`,
      (s, lines) => make("gate_claim_contradicted", s, "Gate result contradicts its numbers", `${lines}.`),
    ),
    ...grouped(
      legacy,
      (r) => (r.index < rings.length - 1 ? "major" : "minor"),
      (r) => `'${r.name}' (${r.gate === "passed" ? "reported passed" : "reported failed"})`,
      (s, lines) =>
        make(
          "unverifiable_gate",
          s,
          "Gates that cannot be checked",
          `${count(legacy.length, "ring has", "rings have")} a free-text gate with no metric, comparator, numeric threshold or evaluation time, so the portal cannot check the result: ${lines}.`,
        ),
    ),
  ];
}

/** A failed gate needs a halt within the policy's limit and, where devices were harmed, a rollback. */
export function failureFindings(cases: FailureCase[], policy: Policy, make: Make): Finding[] {
  const noHalt = cases.filter((c) => c.halt === null);
  const slow = cases.filter((c) => c.halt !== null && c.halt.minutes > policy.maxMinutesToHalt);
  const noRollback = cases.filter((c) => c.needsRollback && c.rollbackAt === null);
  return [
    ...grouped(
      noHalt,
      (c) => unansweredSeverity(c, policy),
      (c) => `${c.what}; no pause, halt or rollback followed and ${exposureText(c)} had the release`,
      (s, lines) => make("no_halt", s, "No halt after a failed gate", `${lines} (${haltPolicy(policy)}).`),
    ),
    ...grouped(
      slow,
      (c) => exposureSeverity(c.exposurePct, policy),
      (c) => `${c.what}; the rollout was stopped ${formatMinutes(c.halt!.minutes)} later, at ${formatUtc(c.halt!.at)}, with ${exposureText(c)} exposed`,
      (s, lines) => make("slow_halt", s, "Slow halt after a failed gate", `${lines} (${haltPolicy(policy)}).`),
    ),
    ...grouped(
      noRollback,
      (c) => unansweredSeverity(c, policy),
      (c) => `${c.what}; devices were harmed but no rollback started afterwards, with ${exposureText(c)} exposed`,
      (s, lines) => make("no_rollback", s, "No rollback after harm", `${lines} (policy: a failed crash, boot or sensor-offline gate is rolled back).`),
    ),
  ];
}
