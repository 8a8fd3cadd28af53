import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getSignedIn, type Actor } from "@/lib/auth/session";
import { STEP_UP_MESSAGE, stepUpRequired } from "@/lib/auth/step-up";
import { can, type Permission } from "@/lib/auth/permissions";
import { fail, type ActionResult, type FieldErrors } from "@/lib/result";
import { isDatabaseUnreachable } from "./db-errors";
import { logError } from "./log";

export const DATABASE_UNAVAILABLE = "The portal lost its database connection, so this may not have been saved. Try again in a moment.";

/** Field errors keyed by dotted path ("rings.2.promotedAt"), as react-hook-form names fields. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

type Handler<S extends z.ZodType, R> = (input: z.output<S>, actor: Actor) => Promise<ActionResult<R>>;

/**
 * Every server action is a public endpoint. This wrapper checks the session and
 * the permission first, then parses the input with the same zod schema the form
 * used, then runs the handler; unexpected errors are logged with a reference
 * and never shown raw. The permission is attached for the authorization matrix.
 */
export function defineAction<S extends z.ZodType, R>(permission: Permission, schema: S, handler: Handler<S, R>, options: { stepUp?: boolean } = {}) {
  const action = async (raw: z.input<S>): Promise<ActionResult<R>> => {
    try {
      const signedIn = await getSignedIn();
      if (!signedIn) return fail("unauthenticated", "Your session has ended. Sign in again to continue.");
      const { actor } = signedIn;
      if (!can(actor.role, permission)) return fail("forbidden", "You do not have permission to do that.");
      // Sensitive steps (signing, co-signing, API tokens) need a second factor given in the last 15 minutes.
      if (options.stepUp && (await stepUpRequired(signedIn))) return fail("step_up", STEP_UP_MESSAGE);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail("invalid", "Some fields need attention.", zodFieldErrors(parsed.error));
      return await handler(parsed.data, actor);
    } catch (err) {
      unstable_rethrow(err);
      // The database went away mid-request (new requests get 503 from the database gate): say so, without a reference to look up.
      if (isDatabaseUnreachable(err)) return fail("error", DATABASE_UNAVAILABLE);
      const ref = logError(`action requiring ${permission}`, err);
      return fail("error", `Something went wrong and nothing was saved. If it happens again, quote reference ${ref}.`);
    }
  };
  return Object.assign(action, { permission, stepUp: Boolean(options.stepUp) });
}

/** For the few actions anyone may call (signing in, setting a password from a link). */
export function definePublicAction<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => Promise<ActionResult<R>>) {
  const action = async (raw: z.input<S>): Promise<ActionResult<R>> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return fail("invalid", "Some fields need attention.", zodFieldErrors(parsed.error));
    try {
      return await handler(parsed.data);
    } catch (err) {
      unstable_rethrow(err);
      if (isDatabaseUnreachable(err)) return fail("error", DATABASE_UNAVAILABLE);
      const ref = logError("public action", err);
      return fail("error", `Something went wrong. If it happens again, quote reference ${ref}.`);
    }
  };
  return Object.assign(action, { permission: "public" as const });
}
