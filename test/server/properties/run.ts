import fc from "fast-check";
import { send, type Answer } from "../helpers/answers";
import type { TokenPool } from "../helpers/clients";

/** What a property saw, printed after it ran. */
export type Tally = { runs: number; statuses: Record<number, number>; accepted: number; verified: number; rateLimited: number; ms: number };

export const RUNS = Number(process.env.FC_RUNS ?? 1000);
export const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

export function count(t: Tally, a: Answer): void {
  t.statuses[a.status] = (t.statuses[a.status] ?? 0) + 1;
}

/**
 * Runs an HTTP property `RUNS` times with the file's seed. No shrinking: the requests change
 * the server's state, so the first failing input is reported as it was sent (replay with
 * FC_SEED and the printed path).
 */
export async function runProperty<T>(name: string, arb: fc.Arbitrary<T>, body: (input: T, t: Tally) => Promise<void>): Promise<Tally> {
  const t: Tally = { runs: 0, statuses: {}, accepted: 0, verified: 0, rateLimited: 0, ms: 0 };
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (input) => {
        t.runs++;
        await body(input, t);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause;
    console.log(`${name} FAILED: ${(err as Error).message.slice(0, 600)}\n${cause?.message.slice(0, 1500) ?? ""}`);
    throw err;
  } finally {
    t.ms = Date.now() - started;
    console.log(
      `${name}: ${t.runs} runs in ${(t.ms / 1000).toFixed(1)} s; accepted ${t.accepted}, verified ${t.verified}, 429s retried ${t.rateLimited}; statuses ${JSON.stringify(t.statuses)}`,
    );
  }
  return t;
}

/**
 * Sends with a token from `pool` (of `org` when given). A 429 is a valid answer, but one that
 * tests nothing: it is counted and the same request is sent again after Retry-After.
 */
export async function sendWithToken(
  t: Tally,
  pool: TokenPool,
  origin: string,
  target: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  org?: string,
  auth = (token: string) => `Bearer ${token}`,
): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const { token } = await pool.take(org);
    const a = await send(origin, target, { ...init, headers: { ...init.headers, authorization: auth(token) } });
    if (a.status !== 429 || attempt >= 20) return a;
    t.rateLimited++;
    pool.rateLimited++;
    await new Promise((r) => setTimeout(r, Math.min(Number(a.headers.get("retry-after") ?? 1), 10) * 1000));
  }
}

/** JSON text of a value that may hold BigInts (sent as strings) and other things JSON drops. */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? "";
}

/** Percent-encoded path segment for a fuzzed id; empty and dot segments are written encoded, so the route stays the same. */
export function segment(id: string): string {
  const e = pct(id);
  return e === "" || e === "." || e === ".." ? e.replace(/\./g, "%2E") || "%20" : e;
}

/** `arb` one time in `oneIn`, otherwise null. */
export function sometimes<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

/** encodeURIComponent that also writes unpaired surrogates, as the (invalid) UTF-8 bytes a hostile client can send. */
export function pct(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out +=
      c >= 0xd800 && c <= 0xdfff
        ? `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`
        : encodeURIComponent(ch);
  }
  return out;
}
