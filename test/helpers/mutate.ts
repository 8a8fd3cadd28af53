// Near-valid inputs: a valid example with one to three things broken, the way a careless or
// hostile client breaks them (a field dropped or of the wrong type, a huge or unpaired-surrogate
// string, NaN, a negative number, an extra __proto__ key), so properties reach the checks past
// the first type test instead of stopping at "expected an object".
import fc from "fast-check";
import { hostileString } from "./hostile";

/** An object whose own enumerable keys include "__proto__", "constructor" and "prototype", as JSON.parse makes them. */
export function pollutingObject(): Record<string, unknown> {
  return JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}') as Record<
    string,
    unknown
  >;
}

const MEGA = "x".repeat(1_000_001);

/** Values a client can send where something else was expected: JSON, query-string and server-action types alike. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      true,
      false,
      0,
      -0,
      -1,
      -2_147_483_649,
      2_147_483_648,
      1.5,
      NaN,
      Infinity,
      -Infinity,
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      -1e308,
      5e-324,
      "",
      " ",
      "\t\n",
      "true",
      "false",
      "null",
      "0",
      "-1",
      "1e3",
      "0x10",
      " 7 ",
      "NaN",
      "Infinity",
      "[object Object]",
      "__proto__",
      "constructor",
      "' OR '1'='1' --",
      '"; DROP TABLE users; --',
      "../../etc/passwd",
      "%00",
      "%2e%2e%2f",
      "\uD800",
      "\uDFFF\uD800",
      "a\u0000b",
      "\u202Eevil",
      "😀".repeat(50),
      "ß".repeat(300),
      MEGA,
      "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
      "6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2",
      "{6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f}",
      "2026-02-30",
      "9999-12-31",
      "0000-01-01",
      "2024-07-19T04:09",
      "2024-07-19T04:09Z",
      "1969-12-31T23:59Z",
      "+275760-09-13T00:00:00.000Z",
    ),
  },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt(), fc.date({ noInvalidDate: false })) },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 1, maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant(null).map(() => pollutingObject()) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<() => unknown>(
        () => new Map([["a", 1]]),
        () => new Set(["a"]),
        () => new Uint8Array([0, 1, 2]),
        () => Object.assign(Object.create(null) as object, { a: "b" }),
        () => new Blob(["x"]),
        () => new Array<unknown>(2),
      )
      .map((make) => make()),
  },
);

/** Extra keys a client may add: prototype-pollution names and plain unknown keys. */
const extraKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then", "extra", "$where", ""),
  hostileString,
);

type Path = (string | number)[];

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** A deep copy of arrays and plain objects (own "__proto__" keys kept as own keys); other values shared. */
export function cloneTree<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneTree) as T;
  if (!isPlain(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) setOwn(out, k, cloneTree(v[k]));
  return out as T;
}

/** Sets an own enumerable property, even one named "__proto__" (plain assignment would change the prototype). */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every path to a value inside `v` (arrays and plain objects), the root included. Bounded, so huge arrays cost little. */
function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (out.length > 5_000) return out;
  if (Array.isArray(v)) v.slice(0, 50).forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (isPlain(v)) for (const k of Object.keys(v)) pathsOf(v[k], [...at, k], out);
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = (v as Record<string | number, unknown>)[p];
  return v;
}

export type Mutation = { pick: number; op: MutationOp; value: unknown; key: string; n: number };
type MutationOp = "replace" | "delete" | "addKey" | "grow" | "pad" | "wrap" | "stringify" | "numberify" | "negate" | "duplicate" | "empty";

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom<MutationOp>(
    "replace",
    "replace",
    "replace",
    "delete",
    "delete",
    "addKey",
    "grow",
    "pad",
    "wrap",
    "stringify",
    "numberify",
    "negate",
    "duplicate",
    "empty",
  ),
  value: oddValue,
  key: extraKey,
  n: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 70_000 })),
});

/** The value after the mutation; a conversion that throws (an object without a usable toString) gives the replacement instead. */
function changed(v: unknown, m: Mutation): unknown {
  try {
    return convert(v, m);
  } catch {
    return m.value;
  }
}

function convert(v: unknown, m: Mutation): unknown {
  switch (m.op) {
    case "replace":
      return m.value;
    case "grow":
      return typeof v === "string"
        ? v + "x".repeat(m.n)
        : Array.isArray(v)
          ? [...v, ...Array.from({ length: Math.min(m.n, 600) }, () => cloneTree(v[0]))]
          : m.value;
    case "pad":
      return typeof v === "string" ? ` \t${v}\n ` : m.value;
    case "wrap":
      return [v];
    case "stringify":
      return typeof v === "object" ? (JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? String(x) : x)) ?? "") : String(v);
    case "numberify":
      return typeof v === "number" ? v + 0.5 : Number(v);
    case "negate":
      return typeof v === "number" ? -v - 1 : typeof v === "boolean" ? !v : m.value;
    case "duplicate":
      return Array.isArray(v) && v.length ? [...v, cloneTree(v[v.length - 1])] : m.value;
    case "empty":
      return Array.isArray(v) ? [] : typeof v === "string" ? "" : isPlain(v) ? {} : m.value;
    default:
      return m.value;
  }
}

/** Applies one mutation to a copy of `root` at the path chosen by `m.pick`. */
export function applyMutation(root: unknown, m: Mutation): unknown {
  const copy = cloneTree(root);
  const paths = pathsOf(copy);
  const path = paths[m.pick % paths.length]!;
  if (m.op === "addKey") {
    const target = getAt(copy, path);
    if (isPlain(target)) setOwn(target, m.key, m.value);
    else if (path.length === 0) return m.value;
    return copy;
  }
  if (path.length === 0) return m.op === "delete" ? undefined : changed(copy, m);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const last = path[path.length - 1]!;
  if (m.op === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (Array.isArray(parent)) parent[Number(last)] = changed(parent[Number(last)], m);
  else setOwn(parent as Record<string, unknown>, String(last), changed(parent[last], m));
  return copy;
}

/** A valid example with one to three mutations. */
export function nearValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => ms.reduce(applyMutation, v));
}

/** Anything at all, with the JavaScript oddities server actions can carry (Map, Set, Date, BigInt, typed arrays, null prototypes). */
export const noise: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
  withObjectString: true,
});

/** The input mix for a property: valid examples, near-valid ones (most), and pure noise. */
export function inputsAround(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 6, arbitrary: nearValid(valid) }, { weight: 1, arbitrary: noise });
}

/** Throws when Object.prototype (or Array.prototype) gained a property: prototype pollution. */
export function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || probe.isAdmin !== undefined || ([] as unknown as Record<string, unknown>).polluted !== undefined)
    throw new Error("Object.prototype was polluted");
}
