/**
 * The outcome of a scorecard: from the panel's consensus scores (0–4 per
 * control) to one of three results, with a plain-English reason for every rule
 * that kept the result below "meets".
 *
 * The result is the worst of: the result the overall weighted mean earns, and
 * every cap a rule imposes. Caps can only lower a result, never raise it.
 * Pure: plain data in, plain data out.
 */

export type OutcomeResult = "meets" | "meets_with_conditions" | "does_not_meet";

/** Worst first: a result later in the list is better. */
export const RESULT_ORDER: readonly OutcomeResult[] = ["does_not_meet", "meets_with_conditions", "meets"];

export const RESULT_LABELS: Readonly<Record<OutcomeResult, string>> = {
  meets: "Meets the principles",
  meets_with_conditions: "Meets with conditions",
  does_not_meet: "Does not meet",
};

/** An overall weighted mean of at least this meets the principles. */
export const MEETS_MIN_MEAN = 3.0;
/** An overall weighted mean of at least this (but below MEETS_MIN_MEAN) meets with conditions; below it, does not meet. */
export const CONDITIONS_MIN_MEAN = 2.0;
/** Any control scored at or below this allows at best "meets with conditions". */
export const LOW_SCORE_MAX = 1;
/** Any domain whose weighted mean is below this allows at best "meets with conditions". */
export const DOMAIN_MIN_MEAN = 2.0;
/** Hard cap: a must-control scored this (0) means "does not meet", whatever the mean. */
export const MUST_FAIL_SCORE = 0;
/** Hard cap: more critical rollout findings left unaddressed than this (0) means "does not meet". */
export const MAX_UNADDRESSED_CRITICAL = 0;

/** The rules in the words the UI shows, in the order they are applied. */
export const OUTCOME_RULES: readonly { id: string; text: string }[] = [
  {
    id: "mean",
    text: `The overall weighted mean decides the starting result: ${MEETS_MIN_MEAN.toFixed(1)} or more meets the principles, ${CONDITIONS_MIN_MEAN.toFixed(1)} or more meets with conditions, anything lower does not meet.`,
  },
  { id: "must-zero", text: `A must-control scored ${MUST_FAIL_SCORE} means the product does not meet the principles.` },
  {
    id: "critical",
    text: "A critical finding in a linked rollout record that the panel has not marked addressed means the product does not meet the principles.",
  },
  { id: "low-control", text: `Any control scored ${LOW_SCORE_MAX} or lower allows at best "meets with conditions".` },
  { id: "low-domain", text: `Any domain with a weighted mean below ${DOMAIN_MIN_MEAN.toFixed(1)} allows at best "meets with conditions".` },
  { id: "worst", text: "The result is the worst of the starting result and every rule above." },
];

/** Means within this of a threshold count as on it, so floating-point noise in a weighted mean cannot flip a result. */
const TOLERANCE = 1e-9;

export interface OutcomeControl {
  id: string;
  domain: string;
  domainTitle?: string;
  /** How much the control counts in the means; at least 1. */
  weight: number;
  /** A must-control scored 0 fails the scorecard outright. */
  must: boolean;
}

export interface DomainOutcome {
  domain: string;
  title: string;
  /** Unrounded weighted mean of the domain's controls. */
  weightedMean: number;
  controls: { id: string; weight: number; must: boolean; score: number }[];
}

export type Outcome =
  | {
      complete: true;
      missing: [];
      domains: DomainOutcome[];
      /** Overall weighted mean rounded to 2 decimals, for display. */
      overall: number;
      /** Overall weighted mean unrounded; the rules use this. */
      overallRaw: number;
      result: OutcomeResult;
      reasons: string[];
    }
  | { complete: false; missing: string[]; domains: []; overall: null; overallRaw: null; result: null; reasons: [] };

/** The worse of two results. */
export function worse(a: OutcomeResult, b: OutcomeResult): OutcomeResult {
  return RESULT_ORDER.indexOf(a) <= RESULT_ORDER.indexOf(b) ? a : b;
}

/** The result the overall weighted mean alone earns, before any cap. */
export function baseResult(mean: number): OutcomeResult {
  if (mean >= MEETS_MIN_MEAN - TOLERANCE) return "meets";
  if (mean >= CONDITIONS_MIN_MEAN - TOLERANCE) return "meets_with_conditions";
  return "does_not_meet";
}

/**
 * Computes the outcome. A control without a consensus score makes the outcome
 * incomplete: no result is given, and `missing` lists those controls in order.
 * Scores for controls not in the list are ignored. Throws a RangeError for an
 * empty control list, a repeated control id, a weight below 1, a score that is
 * not a whole number from 0 to 4, or a critical count that is not a whole
 * number of at least 0.
 */
export function computeOutcome(controls: readonly OutcomeControl[], scores: ReadonlyMap<string, number>, criticalFindingsUnaddressed: number): Outcome {
  if (controls.length === 0) throw new RangeError("a scorecard needs at least one control");
  if (!Number.isInteger(criticalFindingsUnaddressed) || criticalFindingsUnaddressed < 0) {
    throw new RangeError(`critical finding count must be a whole number ≥ 0, got ${criticalFindingsUnaddressed}`);
  }
  const seen = new Set<string>();
  for (const c of controls) {
    if (seen.has(c.id)) throw new RangeError(`control ${c.id} is listed twice`);
    seen.add(c.id);
    if (!Number.isFinite(c.weight) || c.weight < 1) throw new RangeError(`control ${c.id} has weight ${c.weight}; weights are at least 1`);
    const s = scores.get(c.id);
    if (s !== undefined && !(Number.isInteger(s) && s >= 0 && s <= 4)) throw new RangeError(`control ${c.id} has score ${s}; scores are whole numbers 0 to 4`);
  }
  const missing = controls.filter((c) => !scores.has(c.id)).map((c) => c.id);
  if (missing.length > 0) return { complete: false, missing, domains: [], overall: null, overallRaw: null, result: null, reasons: [] };

  const scored = controls.map((c) => ({ ...c, score: scores.get(c.id)! }));
  const domains: DomainOutcome[] = [];
  for (const key of new Set(scored.map((c) => c.domain))) {
    const members = scored.filter((c) => c.domain === key);
    domains.push({
      domain: key,
      title: members.find((c) => c.domainTitle)?.domainTitle ?? key,
      weightedMean: weightedMean(members),
      controls: members.map(({ id, weight, must, score }) => ({ id, weight, must, score })),
    });
  }
  const overallRaw = weightedMean(scored);

  let result = baseResult(overallRaw);
  const reasons: string[] = [];
  if (result !== "meets") {
    const needed =
      result === "meets_with_conditions"
        ? `${MEETS_MIN_MEAN.toFixed(1)} needed to meet the principles`
        : `${CONDITIONS_MIN_MEAN.toFixed(1)} needed even to meet them with conditions`;
    reasons.push(`The overall weighted mean is ${showMean(overallRaw)}, below the ${needed}.`);
  }
  const cap = (limit: OutcomeResult, reason: string) => {
    result = worse(result, limit);
    reasons.push(reason);
  };
  const mustFailed = scored.filter((c) => c.must && c.score === MUST_FAIL_SCORE);
  for (const c of mustFailed) cap("does_not_meet", `${c.id} is a must-control scored ${MUST_FAIL_SCORE}.`);
  if (criticalFindingsUnaddressed > MAX_UNADDRESSED_CRITICAL) {
    const n = criticalFindingsUnaddressed;
    cap("does_not_meet", `${n} critical ${n === 1 ? "finding" : "findings"} in linked rollout records ${n === 1 ? "is" : "are"} not marked addressed.`);
  }
  // A must-control at 0 is already explained above; saying it is also low adds nothing.
  for (const c of scored) {
    if (c.score <= LOW_SCORE_MAX && !mustFailed.includes(c))
      cap(
        "meets_with_conditions",
        `${c.id} is scored ${c.score}; a control at ${LOW_SCORE_MAX} or lower allows at best "${RESULT_LABELS.meets_with_conditions}".`,
      );
  }
  for (const d of domains) {
    if (d.weightedMean < DOMAIN_MIN_MEAN - TOLERANCE)
      cap(
        "meets_with_conditions",
        `The ${d.title} domain has a weighted mean of ${showMean(d.weightedMean)}, below the ${DOMAIN_MIN_MEAN.toFixed(1)} every domain needs.`,
      );
  }
  return { complete: true, missing: [], domains, overall: round2(overallRaw), overallRaw, result, reasons };
}

function weightedMean(items: readonly { weight: number; score: number }[]): number {
  let sum = 0;
  let weights = 0;
  for (const { weight, score } of items) {
    sum += weight * score;
    weights += weight;
  }
  return sum / weights;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Two decimals, or four (cut, not rounded) when two would round a mean that misses a threshold up onto it: 2.996 is not "3.00". */
function showMean(x: number): string {
  const two = x.toFixed(2);
  const crosses = [MEETS_MIN_MEAN, CONDITIONS_MIN_MEAN, DOMAIN_MIN_MEAN].some((t) => x < t - TOLERANCE && Number(two) >= t);
  return crosses ? (Math.floor(x * 10_000) / 10_000).toFixed(4) : two;
}

/** A score needs a written rationale when it is 2 or below, or 2 or more away from the vendor's self-assessment. */
export const RATIONALE_MAX_SCORE = 2;
export const RATIONALE_GAP = 2;

export function rationaleRequired(score: number, selfAssessment: number | null): boolean {
  return score <= RATIONALE_MAX_SCORE || (selfAssessment !== null && Math.abs(score - selfAssessment) >= RATIONALE_GAP);
}

/** Reviewers' scores for one control this far apart (highest − lowest) or more are flagged for discussion. */
export const SPREAD_FLAG = 2;

/** Highest minus lowest score; 0 for fewer than two scores. */
export function spread(scores: readonly number[]): number {
  return scores.length < 2 ? 0 : Math.max(...scores) - Math.min(...scores);
}

export function flagged(scores: readonly number[]): boolean {
  return spread(scores) >= SPREAD_FLAG;
}
