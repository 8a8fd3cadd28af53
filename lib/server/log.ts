import crypto from "node:crypto";

/**
 * Logs an unexpected error with a short id and returns the id, so the person
 * sees "something went wrong (ref abc123)" and an operator can find the trace.
 */
export function logError(context: string, err: unknown): string {
  const id = crypto.randomBytes(4).toString("hex");
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`[ringfence] error ${id} in ${context}: ${detail}`);
  return id;
}

export function logInfo(message: string): void {
  console.log(`[ringfence] ${message}`);
}
