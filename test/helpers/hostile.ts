import fc from "fast-check";

/** One UTF-16 unit or code point an attacker might send: lone surrogates, NUL, C0/C1 controls, bidi marks, separators. */
export const hostileChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("\u0000", "\u0001", "\u0007", "\u0008", "\t", "\n", "\u000b", "\u000c", "\r", "\u001b", "\u007f", "\u0085", "\u009b"),
  fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\u202E", "\u202D", "\u2066", "\u2069", "\u200B", "\u2028", "\uFEFF", "\uFFFE"),
  fc.constantFrom("a", "Z", "0", " ", ".", "-", "é", "検", "😀", "/", "\\", "%", "&", "=", "+", "<", ">", '"'),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);

/** Strings made to break storage and logs: hostile characters, huge lengths, impossible dates. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: hostileChar, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 100, max: 70_000 }), hostileChar).map(([n, c]) => "x".repeat(n) + c) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "2026-13-45",
      "2026-02-30",
      "2026-02-29",
      "2024-02-29",
      "0000-01-01",
      "0999-12-31",
      "9999-12-31",
      "10000-01-01",
      "2026-1-5",
      "2026-01-05\u0000",
      "",
    ),
  },
);

/** A real calendar date in years 1000–9999. */
export const validDate: fc.Arbitrary<string> = fc
  .date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A valid date, sometimes; otherwise anything hostile. */
export const dateish: fc.Arbitrary<string> = fc.oneof(validDate, hostileString);

/** Well-formed text without control characters, but with bidi marks, zero-width and astral characters: should be stored as is. */
export const printable = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof(fc.constantFrom("\u202E", "\u2066", "\u200B", "\uFEFF", "😀", "検", "é"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })),
    minLength,
    maxLength,
  });

/** A value sent where a scalar is expected: mostly `valid` (so whole inputs often pass), else hostile text, an array, a number, an object or nothing. */
export function scalarOr(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 30, arbitrary: valid },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.array(fc.oneof(valid, hostileString), { minLength: 2, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant({ toString: "x" })) },
  );
}

export function fcSeed(): number {
  const seed = Number(process.env.FC_SEED ?? Date.now());
  console.log("fast-check seed", seed);
  return seed;
}
