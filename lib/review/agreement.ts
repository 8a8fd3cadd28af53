/**
 * How far reviewers agree when they score the same controls on their own.
 *
 * Two statistics, both of the form 1 − (observed disagreement ÷ disagreement
 * expected by chance): 1 is perfect agreement, 0 is no better than chance,
 * below 0 is systematic disagreement. Null means the statistic is undefined
 * for the data (nothing to compare, or no variation at all), never "zero".
 *
 * Pure: plain numbers in, plain numbers out.
 */

/** How much a near miss counts: "none" treats every disagreement alike; the others grow with the distance. */
export type KappaWeights = "none" | "linear" | "quadratic";

/** The kind of scale the values are on, which decides how far apart two values are. */
export type AlphaLevel = "nominal" | "ordinal" | "interval";

/** The review score scale, 0 to 4, in order. */
export const SCORE_CATEGORIES: readonly number[] = [0, 1, 2, 3, 4];

/**
 * The penalty for rater A choosing category i while rater B chose j, out of k
 * ordered categories: 0 on agreement, 1 at the greatest possible distance.
 */
function kappaPenalty(i: number, j: number, k: number, weights: KappaWeights): number {
  if (weights === "none") return i === j ? 0 : 1;
  const d = Math.abs(i - j) / (k - 1);
  return weights === "linear" ? d : d * d;
}

/**
 * Cohen's kappa (weighted when asked) for two raters, from their k×k table of
 * counts: row i, column j holds how often rater A chose category i while rater
 * B chose j. Categories are taken in the table's order, so the linear and
 * quadratic weights assume they are equally spaced.
 *
 * kappa = 1 − Σ w·observed ÷ Σ w·expected, where "expected" is what the two
 * raters' own category totals would give if they rated independently.
 * Null when the table is empty, has fewer than two categories, or chance
 * disagreement is zero (both raters always used one and the same category).
 * Throws a RangeError for a table that is not square or has a negative or
 * non-finite count.
 */
export function cohenKappa(table: readonly (readonly number[])[], weights: KappaWeights): number | null {
  const k = table.length;
  const rowTotals = new Array<number>(k).fill(0);
  const colTotals = new Array<number>(k).fill(0);
  let n = 0;
  table.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`kappa table row ${i} has ${row.length} cells, expected ${k}`);
    row.forEach((count, j) => {
      if (!Number.isFinite(count) || count < 0) throw new RangeError(`kappa table cell [${i}][${j}] is not a count: ${count}`);
      rowTotals[i]! += count;
      colTotals[j]! += count;
      n += count;
    });
  });
  if (k < 2 || n === 0) return null;

  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = kappaPenalty(i, j, k, weights);
      observed += w * table[i]![j]!;
      expected += (w * rowTotals[i]! * colTotals[j]!) / n;
    }
  }
  return expected === 0 ? null : 1 - observed / expected;
}

/**
 * Cohen's kappa from two raters' scores for the same units (a[u] and b[u] are
 * their scores for unit u). A unit either rater left unscored (null) is left
 * out. `categories` lists the possible scores in order (SCORE_CATEGORIES for
 * review scores); it fixes the table even when some score was never used.
 * Throws a RangeError if the two lists differ in length or a score is not one
 * of the categories.
 */
export function cohenKappaFromRatings(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  categories: readonly number[],
  weights: KappaWeights,
): number | null {
  if (a.length !== b.length) throw new RangeError(`rater lists differ in length: ${a.length} and ${b.length}`);
  const index = new Map(categories.map((c, i) => [c, i]));
  if (index.size !== categories.length) throw new RangeError("categories must be distinct");
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (let u = 0; u < a.length; u++) {
    const x = a[u];
    const y = b[u];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    const i = index.get(x);
    const j = index.get(y);
    if (i === undefined || j === undefined) throw new RangeError(`score ${i === undefined ? x : y} for unit ${u} is not a category`);
    table[i]![j]! += 1;
  }
  return cohenKappa(table, weights);
}

/**
 * Krippendorff's alpha for any number of raters, with missing scores allowed.
 * data[r][u] is rater r's value for unit u; null (or a row too short to
 * reach u) means no value. Units with fewer than two values cannot be
 * compared and are ignored.
 *
 * Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
 * every ordered pair of values from different raters within a unit of m values
 * adds 1/(m−1) to the coincidence matrix o[c][k]; n_c are its row totals and
 * n the grand total. Then
 *   alpha = 1 − (n − 1) · Σ o[c][k]·δ²(c,k) ÷ Σ n_c·n_k·δ²(c,k),
 * with δ² the squared distance for the level: nominal 0 if equal else 1;
 * interval (c − k)²; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)², counting only
 * the values that occur, so ordinal alpha depends on the order of values, not
 * their spacing. Null when no unit can be compared or all compared values are
 * the same (no expected disagreement). Throws a RangeError for a non-finite value.
 */
export function krippendorffAlpha(data: readonly (readonly (number | null)[])[], level: AlphaLevel): number | null {
  let unitCount = 0;
  for (const row of data) unitCount = Math.max(unitCount, row.length);

  // Values of each comparable unit.
  const units: number[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const values: number[] = [];
    for (const row of data) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      if (!Number.isFinite(v)) throw new RangeError(`value for unit ${u} is not a finite number: ${v}`);
      values.push(v);
    }
    if (values.length >= 2) units.push(values);
  }
  if (units.length === 0) return null;

  const distinct = [...new Set(units.flat())].sort((x, y) => x - y);
  const at = new Map(distinct.map((v, i) => [v, i]));
  const V = distinct.length;

  // Coincidence matrix: within a unit, value counts c and k give count_c·count_k
  // ordered pairs (count_c·(count_c − 1) when c = k), each weighted 1/(m − 1).
  // n_c, its row totals, is simply how many comparable values equal c.
  const o = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  const nc = new Array<number>(V).fill(0);
  for (const values of units) {
    const counts = new Map<number, number>();
    for (const v of values) {
      const c = at.get(v)!;
      counts.set(c, (counts.get(c) ?? 0) + 1);
      nc[c]! += 1;
    }
    const share = 1 / (values.length - 1);
    for (const [c, countC] of counts) {
      for (const [k, countK] of counts) o[c]![k]! += (c === k ? countC * (countC - 1) : countC * countK) * share;
    }
  }
  const n = nc.reduce((s, x) => s + x, 0);

  const delta2 = distanceSquared(distinct, nc, level);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      observed += o[c]![k]! * delta2(c, k);
      expected += nc[c]! * nc[k]! * delta2(c, k);
    }
  }
  return expected === 0 ? null : 1 - ((n - 1) * observed) / expected;
}

/** δ²(c, k) between the c-th and k-th smallest distinct values, for the level. */
function distanceSquared(values: readonly number[], nc: readonly number[], level: AlphaLevel): (c: number, k: number) => number {
  if (level === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (level === "interval") return (c, k) => (values[c]! - values[k]!) ** 2;
  // prefix[i] = how many comparable values are below the i-th distinct value.
  const prefix = [0];
  for (const count of nc) prefix.push(prefix[prefix.length - 1]! + count);
  return (c, k) => {
    const lo = Math.min(c, k);
    const hi = Math.max(c, k);
    return (prefix[hi + 1]! - prefix[lo]! - (nc[lo]! + nc[hi]!) / 2) ** 2;
  };
}

export interface AgreementSummary {
  /** How many raters there are. */
  raters: number;
  /** How many distinct units any rater scored or left blank. */
  units: number;
  /** Units with at least two scores, the only ones that say anything about agreement. */
  pairableUnits: number;
  /** Krippendorff's alpha on the ordinal scale (scores are ranked, not measured). */
  alphaOrdinal: number | null;
  /** Cohen's kappa with linear weights, only when exactly two raters scored. */
  kappaLinear: number | null;
  /** Cohen's kappa with quadratic weights, only when exactly two raters scored. */
  kappaQuadratic: number | null;
}

/**
 * Agreement figures for a panel: scores.get(rater).get(unit) is that rater's
 * score for that unit, null or absent when not scored. Kappa is a two-rater
 * statistic, so it is given only for a panel of exactly two; alpha works for
 * any panel. Scores must be among `categories` (the 0–4 scale by default).
 */
export function agreementSummary<R, U>(
  scores: ReadonlyMap<R, ReadonlyMap<U, number | null>>,
  categories: readonly number[] = SCORE_CATEGORIES,
): AgreementSummary {
  const unitIds = [...new Set([...scores.values()].flatMap((byUnit) => [...byUnit.keys()]))];
  const data = [...scores.values()].map((byUnit) => unitIds.map((u) => byUnit.get(u) ?? null));
  const pairableUnits = unitIds.filter((_, u) => data.filter((row) => row[u] !== null).length >= 2).length;
  const two = data.length === 2 ? ([data[0]!, data[1]!] as const) : null;
  return {
    raters: data.length,
    units: unitIds.length,
    pairableUnits,
    alphaOrdinal: krippendorffAlpha(data, "ordinal"),
    kappaLinear: two ? cohenKappaFromRatings(two[0], two[1], categories, "linear") : null,
    kappaQuadratic: two ? cohenKappaFromRatings(two[0], two[1], categories, "quadratic") : null,
  };
}
