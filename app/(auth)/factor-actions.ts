"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  listFactors,
  markFactorGiven,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  removeFactor,
  replaceRecoveryCodes,
  roleRequiresFactor,
  unusedRecoveryCodes,
  useRecoveryCode,
  verifyPasskey,
  verifyTotp,
} from "@/lib/auth/factors";
import {
  defineSessionAction,
  factorFailed,
  factorSucceeded,
  factorWait,
  relyingParty,
  requestAddress,
  STEP_UP_MESSAGE,
  stepUpRequired,
} from "@/lib/auth/factor-session";
import type { SessionState } from "@/lib/auth/session";
import { safeNext } from "@/lib/auth/safe-next";
import { fail, ok, type ActionResult } from "@/lib/result";
import { recordAudit } from "@/lib/server/audit";
import { factorIdSchema, recoveryCodeSchema, registerPasskeySchema, totpCodeSchema, verifyPasskeySchema } from "@/lib/validations/factors";

const nextSchema = z.object({ next: z.string().max(2000).optional() });
const who = (s: SessionState) => ({ userId: s.actor.userId, organisationId: s.actor.organisationId, role: s.actor.role });

// ------------------------------------------------------------ giving a factor (sign-in or step-up)

type Given = { redirectTo: string };

async function throttled(state: SessionState): Promise<ActionResult<never> | null> {
  const wait = await factorWait(state.actor.userId, await requestAddress());
  return wait > 0 ? fail("throttled", `Too many attempts. Try again in ${wait} seconds.`) : null;
}

/** Records the outcome of a factor check: the session is marked on success; each failure counts towards the throttle. */
async function settle(
  state: SessionState,
  kind: "totp" | "webauthn" | "recovery_code",
  passed: boolean,
  next: string | undefined,
  failure: string,
): Promise<ActionResult<Given>> {
  const address = await requestAddress();
  const purpose = state.stage === "ready" ? "step_up" : "sign_in";
  const db = await getDb();
  if (!passed) {
    await factorFailed(state.actor.userId, address);
    await recordAudit(
      db,
      who(state),
      "auth.factor_failed",
      { type: "user", id: state.actor.userId },
      { kind, purpose, session: state.sessionId },
      { clientAddress: address },
    );
    const wait = await factorWait(state.actor.userId, address);
    return wait > 0 ? fail("throttled", `Too many attempts. Try again in ${wait} seconds.`) : fail("invalid", failure, { code: [failure] });
  }
  await factorSucceeded(state.actor.userId);
  const left = kind === "recovery_code" ? await unusedRecoveryCodes(db, state.actor.userId) : undefined;
  await db.transaction(async (tx) => {
    await markFactorGiven(tx, state.sessionId);
    await recordAudit(
      tx,
      who(state),
      kind === "recovery_code" ? "auth.recovery_code_used" : "auth.factor_verified",
      { type: "user", id: state.actor.userId },
      { kind, purpose, session: state.sessionId, ...(left !== undefined ? { left } : {}) },
      { clientAddress: address },
    );
  });
  return ok({ redirectTo: safeNext(next) });
}

export const verifyTotpAction = defineSessionAction(["factor", "ready"], totpCodeSchema.merge(nextSchema), async ({ code, next }, state) => {
  const refused = await throttled(state);
  if (refused) return refused;
  const passed = await verifyTotp(await getDb(), state.actor.userId, code);
  return settle(state, "totp", passed, next, "That code is not right, or it was already used. Wait for the next code and try again.");
});

export const verifyRecoveryCodeAction = defineSessionAction(["factor", "ready"], recoveryCodeSchema.merge(nextSchema), async ({ code, next }, state) => {
  const refused = await throttled(state);
  if (refused) return refused;
  const passed = await useRecoveryCode(await getDb(), state.actor.userId, code);
  return settle(state, "recovery_code", passed, next, "That recovery code is not one of yours, or it was already used.");
});

export const passkeyOptionsAction = defineSessionAction(["factor", "ready"], z.object({}), async (_input, state) => {
  const refused = await throttled(state);
  if (refused) return refused;
  const options = await passkeyAuthenticationOptions(await getDb(), { sessionId: state.sessionId, userId: state.actor.userId, rp: await relyingParty() });
  if (!options) return fail("not_found", "You have no passkey or security key on this account.");
  return ok({ options });
});

export const verifyPasskeyAction = defineSessionAction(["factor", "ready"], verifyPasskeySchema.merge(nextSchema), async ({ response, next }, state) => {
  const refused = await throttled(state);
  if (refused) return refused;
  const passed = await verifyPasskey(await getDb(), { sessionId: state.sessionId, userId: state.actor.userId, rp: await relyingParty(), response });
  return settle(state, "webauthn", passed, next, "The passkey was not accepted. Try again, or use another way to confirm it is you.");
});

// ------------------------------------------------------------ enrolling (at sign-in, or later from the security page)

/** Adding a factor to an account that already has one is a change to how it is protected: it needs a recent factor. */
async function enrolGate(state: SessionState): Promise<ActionResult<never> | null> {
  if (state.stage === "ready" && state.enrolled && (await stepUpRequired(state))) return fail("step_up", STEP_UP_MESSAGE);
  return null;
}

/** After the first factor is enrolled the person gets recovery codes, shown once. */
async function afterEnrolment(state: SessionState, kind: "totp" | "webauthn", factorId: string): Promise<{ recoveryCodes: string[] | null }> {
  const db = await getDb();
  const address = await requestAddress();
  return db.transaction(async (tx) => {
    const first = (await unusedRecoveryCodes(tx, state.actor.userId)) === 0;
    const codes = first ? await replaceRecoveryCodes(tx, state.actor.userId) : null;
    // Enrolling proves the factor: the session counts as having given it now.
    await markFactorGiven(tx, state.sessionId);
    await recordAudit(
      tx,
      who(state),
      "auth.factor_enrolled",
      { type: "user", id: state.actor.userId },
      { kind, factor: factorId, session: state.sessionId, recoveryCodesIssued: Boolean(codes) },
      { clientAddress: address },
    );
    return { recoveryCodes: codes };
  });
}

export const startTotpEnrolmentAction = defineSessionAction(["enrol", "ready"], z.object({}), async (_input, state) => {
  const gate = await enrolGate(state);
  if (gate) return gate;
  const started = await beginTotpEnrolment(await getDb(), state.actor.userId, state.actor.email);
  if (started === "already_enrolled") return fail("conflict", "You already have an authenticator app. Remove it first to set up a new one.");
  const { secret, uri, qrSvg } = started;
  return ok({ secret, uri, qrSvg });
});

export const confirmTotpEnrolmentAction = defineSessionAction(["enrol", "ready"], totpCodeSchema, async ({ code }, state) => {
  const gate = await enrolGate(state);
  if (gate) return gate;
  const refused = await throttled(state);
  if (refused) return refused;
  const db = await getDb();
  const result = await confirmTotpEnrolment(db, state.actor.userId, code);
  if (result === "no_enrolment") return fail("conflict", "This setup expired. Start again to get a new QR code.");
  if (result === "wrong_code") {
    await factorFailed(state.actor.userId, await requestAddress());
    return fail("invalid", "That code does not match. Check the app shows “Ringfence” and try the current code.", { code: ["That code does not match."] });
  }
  const [factor] = (await listFactors(db, state.actor.userId)).filter((f) => f.kind === "totp");
  return ok(await afterEnrolment(state, "totp", factor?.id ?? ""));
});

export const passkeyRegistrationOptionsAction = defineSessionAction(["enrol", "ready"], z.object({}), async (_input, state) => {
  const gate = await enrolGate(state);
  if (gate) return gate;
  const options = await passkeyRegistrationOptions(await getDb(), {
    sessionId: state.sessionId,
    userId: state.actor.userId,
    email: state.actor.email,
    name: state.actor.name,
    rp: await relyingParty(),
  });
  return ok({ options });
});

export const registerPasskeyAction = defineSessionAction(["enrol", "ready"], registerPasskeySchema, async ({ label, response }, state) => {
  const gate = await enrolGate(state);
  if (gate) return gate;
  const result = await registerPasskey(await getDb(), { sessionId: state.sessionId, userId: state.actor.userId, rp: await relyingParty(), response, label });
  if (!result.ok) {
    const message =
      result.reason === "already_registered"
        ? "This passkey is already registered."
        : result.reason === "no_challenge"
          ? "The request expired. Try again."
          : "The passkey could not be verified. Try again.";
    return fail(result.reason === "already_registered" ? "conflict" : "invalid", message);
  }
  return ok(await afterEnrolment(state, "webauthn", result.factorId));
});

// ------------------------------------------------------------ managing factors (signed in)

export const regenerateRecoveryCodesAction = defineSessionAction(["ready"], z.object({}), async (_input, state) => {
  if (!state.enrolled) return fail("conflict", "Set up a second factor first; recovery codes come with it.");
  if (await stepUpRequired(state)) return fail("step_up", STEP_UP_MESSAGE);
  const db = await getDb();
  const address = await requestAddress();
  const codes = await db.transaction(async (tx) => {
    const made = await replaceRecoveryCodes(tx, state.actor.userId);
    await recordAudit(
      tx,
      who(state),
      "auth.recovery_codes_replaced",
      { type: "user", id: state.actor.userId },
      { count: made.length },
      { clientAddress: address },
    );
    return made;
  });
  return ok({ recoveryCodes: codes });
});

export const removeFactorAction = defineSessionAction(["ready"], factorIdSchema, async ({ id }, state) => {
  if (await stepUpRequired(state)) return fail("step_up", STEP_UP_MESSAGE);
  const db = await getDb();
  const mine = await listFactors(db, state.actor.userId);
  if (!mine.some((f) => f.id === id)) return fail("not_found", "That factor is not on your account.");
  if (mine.length === 1 && (await roleRequiresFactor(db, state.actor.role))) {
    return fail("conflict", "Your role requires a second factor. Add another one before you remove this one.");
  }
  const address = await requestAddress();
  await db.transaction(async (tx) => {
    const { removed, remaining } = await removeFactor(tx, state.actor.userId, id);
    if (removed)
      await recordAudit(tx, who(state), "auth.factor_removed", { type: "user", id: state.actor.userId }, { factor: id, remaining }, { clientAddress: address });
  });
  return ok(undefined);
});

/** Which factors the caller can give (for the step-up dialog). */
export const factorKindsAction = defineSessionAction(["factor", "ready"], z.object({}), async (_input, state) => {
  const db = await getDb();
  const factors = await listFactors(db, state.actor.userId);
  return ok({
    totp: factors.some((f) => f.kind === "totp"),
    passkey: factors.some((f) => f.kind === "webauthn"),
    recoveryLeft: await unusedRecoveryCodes(db, state.actor.userId),
  });
});
