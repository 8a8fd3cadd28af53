import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { requestIsHttps } from "@/lib/http/request-scheme";
import { fail, type ActionResult } from "@/lib/result";
import { zodFieldErrors, DATABASE_UNAVAILABLE } from "@/lib/server/action";
import { isDatabaseUnreachable } from "@/lib/server/db-errors";
import { logError } from "@/lib/server/log";
import type { RelyingParty } from "./factors";
import { clientAddressFrom } from "./request-address";
import { getSessionState, type SessionState } from "./session";
import type { SessionStage } from "./sessions";
import { clearThrottleKey, recordFailure, secondsUntilAllowed } from "./throttle";

/**
 * Server actions for second factors act on the caller's own session, which may
 * not be "ready" yet (signing in, enrolling): they take the session state, not
 * an actor, and each names the stages it accepts. Nothing here can touch
 * another person's factors.
 */
export function defineSessionAction<S extends z.ZodType, R>(
  stages: readonly SessionStage[],
  schema: S,
  handler: (input: z.output<S>, state: SessionState) => Promise<ActionResult<R>>,
) {
  const action = async (raw: z.input<S>): Promise<ActionResult<R>> => {
    try {
      const state = await getSessionState();
      if (!state) return fail("unauthenticated", "Your session has ended. Sign in again to continue.");
      if (!stages.includes(state.stage)) return fail("forbidden", "This step does not apply to your session. Reload the page.");
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail("invalid", "Some fields need attention.", zodFieldErrors(parsed.error));
      return await handler(parsed.data, state);
    } catch (err) {
      unstable_rethrow(err);
      if (isDatabaseUnreachable(err)) return fail("error", DATABASE_UNAVAILABLE);
      const ref = logError("second-factor action", err);
      return fail("error", `Something went wrong and nothing was saved. If it happens again, quote reference ${ref}.`);
    }
  };
  return Object.assign(action, { permission: "session" as const, stages });
}

/** The relying party for WebAuthn: the host the browser is talking to, and its exact origin. */
export async function relyingParty(): Promise<RelyingParty> {
  const h = await headers();
  const host = h.get("host") ?? "localhost";
  const origin = `${requestIsHttps(h) ? "https" : "http"}://${host}`;
  return { id: new URL(origin).hostname, origin };
}

export async function requestAddress(): Promise<string | null> {
  return clientAddressFrom(await headers());
}

/**
 * Factor checks are throttled like passwords: five failures a minute per person
 * and per client address lock further tries until the minute ends.
 */
export function factorThrottleKeys(userId: string, address: string | null): string[] {
  return [`factor:${userId}`, ...(address ? [`address:${address}`] : [])];
}

export async function factorWait(userId: string, address: string | null): Promise<number> {
  return secondsUntilAllowed(await getDb(), factorThrottleKeys(userId, address));
}

export async function factorFailed(userId: string, address: string | null): Promise<void> {
  await recordFailure(await getDb(), factorThrottleKeys(userId, address));
}

export async function factorSucceeded(userId: string): Promise<void> {
  await clearThrottleKey(await getDb(), `factor:${userId}`);
}

export { stepUpRequired, STEP_UP_MESSAGE } from "./step-up";
