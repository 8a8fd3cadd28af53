import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcSeed } from "@/test/helpers/hostile";
import { agreementSummary, cohenKappa, cohenKappaFromRatings, krippendorffAlpha, SCORE_CATEGORIES, type AlphaLevel, type KappaWeights } from "./agreement";

const _ = null;
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 observers × 12 units.
const reliabilityData = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const LEVELS: AlphaLevel[] = ["nominal", "ordinal", "interval"];
const WEIGHTS: KappaWeights[] = ["none", "linear", "quadratic"];

describe("krippendorffAlpha", () => {
  it("reproduces Krippendorff's published values", () => {
    expect(krippendorffAlpha(reliabilityData, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(reliabilityData, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(reliabilityData, "interval")).toBeCloseTo(0.849, 3);
  });

  it("ignores units with fewer than two values and ragged rows", () => {
    const withoutLoneUnit = reliabilityData.map((row) => row.slice(0, 11));
    for (const level of LEVELS) expect(krippendorffAlpha(withoutLoneUnit, level)).toBe(krippendorffAlpha(reliabilityData, level));
  });

  it("is 1 for perfect agreement with some variation", () => {
    const data = [
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
      [0, _, 2, _, 4],
    ];
    for (const level of LEVELS) expect(krippendorffAlpha(data, level)).toBe(1);
  });

  it("is null with nothing to compare or no variation", () => {
    for (const level of LEVELS) {
      expect(krippendorffAlpha([], level)).toBeNull();
      expect(
        krippendorffAlpha(
          [
            [_, _],
            [_, _],
          ],
          level,
        ),
      ).toBeNull(); // all missing
      expect(krippendorffAlpha([[1, 2, 3, 4]], level)).toBeNull(); // a single rater
      expect(
        krippendorffAlpha(
          [
            [1, _],
            [_, 2],
          ],
          level,
        ),
      ).toBeNull(); // no unit scored twice
      expect(
        krippendorffAlpha(
          [
            [3, 3],
            [3, 3],
          ],
          level,
        ),
      ).toBeNull(); // everyone always says 3
    }
  });

  it("depends only on the order of values at the ordinal level, on their spacing at the interval level", () => {
    const a = [
      [1, 2, 3, 1],
      [1, 3, 3, 2],
    ];
    const stretched = a.map((row) => row.map((v) => (v === 3 ? 30 : v)));
    expect(krippendorffAlpha(stretched, "ordinal")).toBeCloseTo(krippendorffAlpha(a, "ordinal")!, 12);
    expect(krippendorffAlpha(stretched, "interval")).not.toBeCloseTo(krippendorffAlpha(a, "interval")!, 3);
  });

  it("rejects a non-finite value", () => {
    expect(() =>
      krippendorffAlpha(
        [
          [1, Number.NaN],
          [1, 2],
        ],
        "nominal",
      ),
    ).toThrow(RangeError);
  });
});

describe("cohenKappa", () => {
  const table = [
    [46, 0, 0],
    [4, 40, 0],
    [0, 0, 10],
  ];

  it("reproduces the published values", () => {
    expect(cohenKappa(table, "none")).toBeCloseTo(0.9315, 4);
    expect(cohenKappa(table, "linear")).toBeCloseTo(0.9412, 4);
    expect(cohenKappa(table, "quadratic")).toBeCloseTo(0.9541, 4);
  });

  it("is 1 for perfect agreement and null when undefined", () => {
    for (const w of WEIGHTS) {
      expect(
        cohenKappa(
          [
            [3, 0],
            [0, 5],
          ],
          w,
        ),
      ).toBe(1);
      expect(
        cohenKappa(
          [
            [0, 0],
            [0, 0],
          ],
          w,
        ),
      ).toBeNull(); // no pairs
      expect(
        cohenKappa(
          [
            [0, 0],
            [0, 7],
          ],
          w,
        ),
      ).toBeNull(); // both always chose one category
      expect(cohenKappa([[7]], w)).toBeNull();
    }
  });

  it("is -1 for raters who always disagree in a balanced way", () => {
    expect(
      cohenKappa(
        [
          [0, 5],
          [5, 0],
        ],
        "none",
      ),
    ).toBe(-1);
  });

  it("rejects a malformed table", () => {
    expect(() => cohenKappa([[1, 2], [3]], "none")).toThrow(RangeError);
    expect(() =>
      cohenKappa(
        [
          [1, -1],
          [0, 1],
        ],
        "none",
      ),
    ).toThrow(RangeError);
  });
});

describe("cohenKappaFromRatings", () => {
  it("builds the table from the ratings, dropping pairs with a missing score", () => {
    // The published table as 100 paired ratings, plus pairs that must be dropped.
    const a: (number | null)[] = [];
    const b: (number | null)[] = [];
    const add = (x: number | null, y: number | null, times: number) => {
      for (let i = 0; i < times; i++) {
        a.push(x);
        b.push(y);
      }
    };
    const pairs: [number | null, number | null, number][] = [
      [0, 0, 46],
      [1, 0, 4],
      [1, 1, 40],
      [2, 2, 10],
      [null, 2, 3],
      [0, null, 5],
      [null, null, 2],
    ];
    for (const [x, y, times] of pairs) add(x, y, times);
    expect(cohenKappaFromRatings(a, b, [0, 1, 2], "none")).toBeCloseTo(0.9315, 4);
    expect(cohenKappaFromRatings(a, b, [0, 1, 2], "linear")).toBeCloseTo(0.9412, 4);
    expect(cohenKappaFromRatings(a, b, [0, 1, 2], "quadratic")).toBeCloseTo(0.9541, 4);
  });

  it("is the same when the raters are swapped", () => {
    const a = [0, 1, 2, 3, 4, 2, null, 1];
    const b = [1, 1, 3, 3, 2, 2, 4, null];
    for (const w of WEIGHTS) expect(cohenKappaFromRatings(b, a, SCORE_CATEGORIES, w)).toBeCloseTo(cohenKappaFromRatings(a, b, SCORE_CATEGORIES, w)!, 12);
  });

  it("is null when every pair has a missing score, and rejects bad input", () => {
    expect(cohenKappaFromRatings([null, 1], [2, null], SCORE_CATEGORIES, "linear")).toBeNull();
    expect(() => cohenKappaFromRatings([1], [1, 2], SCORE_CATEGORIES, "linear")).toThrow(RangeError);
    expect(() => cohenKappaFromRatings([5], [1], SCORE_CATEGORIES, "linear")).toThrow(RangeError);
  });
});

describe("agreementSummary", () => {
  const panel = (rows: Record<string, (number | null)[]>) =>
    new Map(Object.entries(rows).map(([rater, row]) => [rater, new Map(row.map((v, u) => [`C-${u}`, v]))]));

  it("gives alpha and both kappas for two raters", () => {
    const summary = agreementSummary(panel({ ann: [0, 1, 2, 3, 4, 2, null], bob: [1, 1, 2, 3, 3, null, null] }));
    expect(summary).toMatchObject({ raters: 2, units: 7, pairableUnits: 5 });
    expect(summary.alphaOrdinal).toBeCloseTo(
      krippendorffAlpha(
        [
          [0, 1, 2, 3, 4],
          [1, 1, 2, 3, 3],
        ],
        "ordinal",
      )!,
      12,
    );
    expect(summary.kappaLinear).toBeCloseTo(cohenKappaFromRatings([0, 1, 2, 3, 4], [1, 1, 2, 3, 3], SCORE_CATEGORIES, "linear")!, 12);
    expect(summary.kappaQuadratic).toBeCloseTo(cohenKappaFromRatings([0, 1, 2, 3, 4], [1, 1, 2, 3, 3], SCORE_CATEGORIES, "quadratic")!, 12);
  });

  it("gives no kappa for three raters, and treats an absent unit as missing", () => {
    const scores = panel({ a: [1, 2, 3, 3], b: [1, 2, 3], c: [2, 2] });
    const summary = agreementSummary(scores);
    expect(summary).toMatchObject({ raters: 3, units: 4, pairableUnits: 3, kappaLinear: null, kappaQuadratic: null });
    expect(summary.alphaOrdinal).toBe(
      krippendorffAlpha(
        [
          [1, 2, 3, 3],
          [1, 2, 3],
          [2, 2],
        ],
        "ordinal",
      ),
    );
  });

  it("gives nulls for a single rater or an empty panel", () => {
    expect(agreementSummary(panel({ a: [1, 2, 3] }))).toEqual({
      raters: 1,
      units: 3,
      pairableUnits: 0,
      alphaOrdinal: null,
      kappaLinear: null,
      kappaQuadratic: null,
    });
    expect(agreementSummary(new Map())).toEqual({ raters: 0, units: 0, pairableUnits: 0, alphaOrdinal: null, kappaLinear: null, kappaQuadratic: null });
  });
});

/** Alpha by its definition: mean disagreement within units over mean disagreement between all comparable values. */
function alphaByDefinition(data: (number | null)[][], delta2: (x: number, y: number) => number): number | null {
  const units: number[][] = [];
  const width = Math.max(0, ...data.map((r) => r.length));
  for (let u = 0; u < width; u++) {
    const values = data.map((r) => r[u]).filter((v): v is number => v !== null && v !== undefined);
    if (values.length >= 2) units.push(values);
  }
  const all = units.flat();
  const n = all.length;
  let within = 0;
  for (const vs of units)
    for (let i = 0; i < vs.length; i++) for (let j = 0; j < vs.length; j++) if (i !== j) within += delta2(vs[i]!, vs[j]!) / (vs.length - 1);
  let between = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) between += delta2(all[i]!, all[j]!);
  return n === 0 || between === 0 ? null : 1 - within / n / (between / (n * (n - 1)));
}

/** Each value replaced by its mid-rank among the values of units scored at least twice. */
function midRanks(data: (number | null)[][]): (number | null)[][] {
  const width = Math.max(0, ...data.map((r) => r.length));
  const comparable = (u: number) => data.filter((r) => r[u] !== null && r[u] !== undefined).length >= 2;
  const pool = data.flatMap((r) => r.filter((v, u): v is number => v !== null && v !== undefined && comparable(u)));
  const rank = (v: number) => pool.filter((x) => x < v).length + (pool.filter((x) => x === v).length + 1) / 2;
  return data.map((r) => Array.from({ length: width }, (_x, u) => (r[u] === null || r[u] === undefined || !comparable(u) ? null : rank(r[u]!))));
}

describe("properties", () => {
  const score = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 4 });
  const ratingData = fc
    .integer({ min: 1, max: 12 })
    .chain((units) => fc.array(fc.array(score, { minLength: units, maxLength: units }), { minLength: 1, maxLength: 6 }));
  const inRange = (x: number | null) => x === null || (x >= -1 - 1e-9 && x <= 1 + 1e-9);

  it("alpha lies in [-1, 1], does not depend on the order of raters, and matches its definition", () => {
    const seed = fcSeed();
    fc.assert(
      fc.property(ratingData, fc.infiniteStream(fc.nat()), (data, randoms) => {
        const relabelled = [...data]
          .map((row) => ({ row, key: randoms.next().value as number }))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.row);
        for (const level of LEVELS) {
          const alpha = krippendorffAlpha(data, level);
          expect(inRange(alpha), `${level} alpha ${alpha}`).toBe(true);
          const again = krippendorffAlpha(relabelled, level);
          if (alpha === null) expect(again).toBeNull();
          else expect(again).toBeCloseTo(alpha, 9);
        }
        const nominal = alphaByDefinition(data, (x, y) => (x === y ? 0 : 1));
        const interval = alphaByDefinition(data, (x, y) => (x - y) ** 2);
        if (nominal === null) expect(krippendorffAlpha(data, "nominal")).toBeNull();
        else expect(krippendorffAlpha(data, "nominal")).toBeCloseTo(nominal, 9);
        if (interval === null) expect(krippendorffAlpha(data, "interval")).toBeNull();
        else expect(krippendorffAlpha(data, "interval")).toBeCloseTo(interval, 9);
        // Ordinal alpha is interval alpha on the mid-ranks of the comparable values.
        const ordinal = alphaByDefinition(midRanks(data), (x, y) => (x - y) ** 2);
        if (ordinal === null) expect(krippendorffAlpha(data, "ordinal")).toBeNull();
        else expect(krippendorffAlpha(data, "ordinal")).toBeCloseTo(ordinal, 9);
      }),
      { numRuns: 1000, seed },
    );
  });

  it("kappa lies in [-1, 1] and is the same with the raters swapped", () => {
    const seed = fcSeed();
    const table = fc.integer({ min: 1, max: 5 }).chain((k) => fc.array(fc.array(fc.nat(20), { minLength: k, maxLength: k }), { minLength: k, maxLength: k }));
    fc.assert(
      fc.property(table, (t) => {
        const transposed = t.map((row, i) => row.map((_cell, j) => t[j]![i]!));
        for (const w of WEIGHTS) {
          const kappa = cohenKappa(t, w);
          expect(inRange(kappa), `${w} kappa ${kappa}`).toBe(true);
          if (kappa === null) expect(cohenKappa(transposed, w)).toBeNull();
          else expect(cohenKappa(transposed, w)).toBeCloseTo(kappa, 9);
        }
      }),
      { numRuns: 1000, seed },
    );
  });
});
