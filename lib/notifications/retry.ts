/** Sending an email is tried at most this many times; then the outbox row is marked failed. */
export const MAX_ATTEMPTS = 8;
const FIRST_DELAY_SECONDS = 30;
const LONGEST_DELAY_SECONDS = 60 * 60;

/**
 * How long to wait after the given failed attempt (1 = the first) before the
 * next: 30 s, doubling each time, never more than an hour.
 */
export function retryDelaySeconds(failedAttempts: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  return Math.min(LONGEST_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** Math.min(n - 1, 20));
}

/** What happens to a message after a failed attempt. */
export function afterFailure(attempts: number): { status: "pending"; delaySeconds: number } | { status: "failed" } {
  return attempts >= MAX_ATTEMPTS ? { status: "failed" } : { status: "pending", delaySeconds: retryDelaySeconds(attempts) };
}

/**
 * Error text safe to store and log: every secret given (the SMTP user name and
 * password, raw and URL-decoded, and their base64 forms as AUTH PLAIN/LOGIN
 * would send them) is replaced, control characters are flattened, and the
 * text is cut to `max` characters.
 */
export function redactSecrets(text: string, secrets: readonly string[], max = 1000): string {
  let out = text;
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(Buffer.from(s).toString("base64"));
  }
  for (const f of [...forms].sort((a, b) => b.length - a.length)) if (f.length >= 3) out = out.split(f).join("[redacted]");
  out = out.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}
