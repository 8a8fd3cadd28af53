/**
 * The portal's rate limits: fixed windows counted in the database
 * (rate-limit.ts). Chosen so that people and a vendor's CI pipelines never
 * meet them in normal use, and so that one caller cannot tie up the database,
 * the password hasher or the upload store. README ("Rate limits") lists them;
 * RATE_LIMITS overrides any of them (config.ts). Sign-in has its own
 * throttle (lib/auth/throttle.ts).
 */
export type RateLimit = { max: number; windowSeconds: number };

export const DEFAULT_RATE_LIMITS = {
  /** Requests with one API token. */
  "api.token": { max: 300, windowSeconds: 60 },
  /** Requests with all of one organisation's API tokens together: more tokens do not mean more requests. */
  "api.organisation": { max: 1200, windowSeconds: 60 },
  /** Evidence uploads (new items and new versions) by one person. */
  "upload.user": { max: 200, windowSeconds: 3600 },
  /** Evidence uploads by all of one organisation's people together. */
  "upload.organisation": { max: 1000, windowSeconds: 3600 },
  /** Attempts to set a password from a link, per client address (each costs an argon2id hash). */
  "password-set.address": { max: 20, windowSeconds: 900 },
  /** Attempts with one password link. */
  "password-set.link": { max: 10, windowSeconds: 900 },
} satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof DEFAULT_RATE_LIMITS;
export type RateLimits = Record<RateLimitName, RateLimit>;

const isName = (n: string): n is RateLimitName => Object.hasOwn(DEFAULT_RATE_LIMITS, n);

/**
 * `name=max/seconds` pairs separated by commas, e.g. `api.token=600/60,upload.user=50/3600`.
 * Returns the limits with the overrides applied, or the problems found.
 */
export function parseRateLimits(text: string | undefined): { ok: true; limits: RateLimits } | { ok: false; problems: string[] } {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  const problems: string[] = [];
  for (const part of (text ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z.-]+)=(\d{1,9})\/(\d{1,9})$/.exec(part);
    if (!m) problems.push(`"${part}" is not name=max/seconds, e.g. api.token=300/60`);
    else if (!isName(m[1]!)) problems.push(`"${m[1]}" is not a rate limit; the limits are ${Object.keys(DEFAULT_RATE_LIMITS).join(", ")}`);
    else if (Number(m[2]) < 1 || Number(m[3]) < 1) problems.push(`"${part}": the count and the seconds must be at least 1`);
    else limits[m[1]] = { max: Number(m[2]), windowSeconds: Number(m[3]) };
  }
  return problems.length ? { ok: false, problems } : { ok: true, limits };
}

/** "300 requests a minute", "20 attempts in 15 minutes": for messages and the README. */
export function describeLimit({ max, windowSeconds }: RateLimit, noun: string): string {
  const span =
    windowSeconds === 60
      ? "a minute"
      : windowSeconds === 3600
        ? "an hour"
        : windowSeconds % 60 === 0
          ? `in ${windowSeconds / 60} minutes`
          : `in ${windowSeconds} seconds`;
  return `${max} ${noun} ${span}`;
}
