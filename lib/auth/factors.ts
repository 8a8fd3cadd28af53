import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { generateSecret, generateURI, verify as verifyTotpCode } from "otplib";
import QRCode from "qrcode";
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { DbOrTx } from "@/db/client";
import { authFactors, mfaPolicy, recoveryCodes, userSessions, webauthnChallenges } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { seal, unseal } from "@/lib/crypto/seal";
import type { Role } from "./roles";

/**
 * Second factors: one TOTP authenticator per person, any number of WebAuthn
 * credentials (passkeys and security keys), and ten one-time recovery codes.
 * Everything that reads or writes them lives here; pages and actions call these
 * functions after checking the session themselves (app/(auth)/factor-actions.ts).
 */

/** A step-up (signing, co-signing, creating an API token) needs a factor given this recently. */
export const STEP_UP_SECONDS = 15 * 60;
export const RECOVERY_CODE_COUNT = 10;
const CHALLENGE_SECONDS = 5 * 60;
/** TOTP codes are accepted from one step before to one step after the server's clock, never twice. */
const TOTP_TOLERANCE_SECONDS = 30;

export type FactorSummary = { id: string; kind: "totp" | "webauthn"; label: string; createdAt: Date; lastUsedAt: Date | null };

export async function listFactors(db: DbOrTx, userId: string): Promise<FactorSummary[]> {
  return db
    .select({ id: authFactors.id, kind: authFactors.kind, label: authFactors.label, createdAt: authFactors.createdAt, lastUsedAt: authFactors.lastUsedAt })
    .from(authFactors)
    .where(and(eq(authFactors.userId, userId), isNotNull(authFactors.confirmedAt)))
    .orderBy(authFactors.kind, authFactors.createdAt);
}

export async function unusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function roleRequiresFactor(db: DbOrTx, role: Role): Promise<boolean> {
  const [row] = await db.select({ required: mfaPolicy.required }).from(mfaPolicy).where(eq(mfaPolicy.role, role));
  return row?.required ?? true;
}

/** Marks the session as having given a second factor now (sign-in or step-up). */
export async function markFactorGiven(db: DbOrTx, sessionId: string, now: Date = new Date()): Promise<void> {
  await db.update(userSessions).set({ factorAt: now }).where(eq(userSessions.id, sessionId));
}

/** Whether an action that needs a recent factor must ask for it again. */
export function stepUpDue(factorAt: Date | null, now: Date = new Date()): boolean {
  return !factorAt || now.getTime() - factorAt.getTime() > STEP_UP_SECONDS * 1000;
}

// ---------------------------------------------------------------- TOTP

export type TotpEnrolment = { factorId: string; secret: string; uri: string; qrSvg: string };

/**
 * Starts (or restarts) enrolling an authenticator app: a new secret, kept sealed and
 * unconfirmed until the first code from the app is checked. Refused when the person
 * already has a confirmed authenticator (remove it first).
 */
export async function beginTotpEnrolment(db: DbOrTx, userId: string, accountLabel: string): Promise<TotpEnrolment | "already_enrolled"> {
  const existing = await db
    .select({ id: authFactors.id, confirmedAt: authFactors.confirmedAt })
    .from(authFactors)
    .where(and(eq(authFactors.userId, userId), eq(authFactors.kind, "totp")));
  if (existing.some((f) => f.confirmedAt)) return "already_enrolled";
  if (existing.length) await db.delete(authFactors).where(and(eq(authFactors.userId, userId), eq(authFactors.kind, "totp"), isNull(authFactors.confirmedAt)));
  const secret = generateSecret({ length: 20 });
  const [row] = await db
    .insert(authFactors)
    .values({ userId, kind: "totp", label: "Authenticator app", totpSecret: seal(getConfig().authSecret, "totp-secret", secret) })
    .returning({ id: authFactors.id });
  if (!row) throw new Error("factor not created");
  const uri = generateURI({ issuer: "Ringfence", label: accountLabel, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { factorId: row.id, secret, uri, qrSvg };
}

async function checkTotp(
  db: DbOrTx,
  factor: { id: string; totpSecret: string | null; totpLastStep: number | null },
  code: string,
  now: Date,
): Promise<boolean> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token) || !factor.totpSecret) return false;
  const secret = unseal(getConfig().authSecret, "totp-secret", factor.totpSecret);
  if (!secret) return false;
  const result = await verifyTotpCode({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    ...(factor.totpLastStep !== null ? { afterTimeStep: factor.totpLastStep } : {}),
  });
  if (!result.valid || !("timeStep" in result)) return false;
  // Recorded with a guard, so two requests racing with the same code cannot both pass.
  const claimed = await db
    .update(authFactors)
    .set({ totpLastStep: result.timeStep, lastUsedAt: now })
    .where(and(eq(authFactors.id, factor.id), or(isNull(authFactors.totpLastStep), lt(authFactors.totpLastStep, result.timeStep))))
    .returning({ id: authFactors.id });
  return claimed.length === 1;
}

/** Confirms an enrolment with the app's first code. */
export async function confirmTotpEnrolment(db: DbOrTx, userId: string, code: string, now: Date = new Date()): Promise<"ok" | "no_enrolment" | "wrong_code"> {
  const [factor] = await db
    .select({ id: authFactors.id, totpSecret: authFactors.totpSecret, totpLastStep: authFactors.totpLastStep })
    .from(authFactors)
    .where(and(eq(authFactors.userId, userId), eq(authFactors.kind, "totp"), isNull(authFactors.confirmedAt)));
  if (!factor) return "no_enrolment";
  if (!(await checkTotp(db, factor, code, now))) return "wrong_code";
  await db.update(authFactors).set({ confirmedAt: now }).where(eq(authFactors.id, factor.id));
  return "ok";
}

/** Checks a code from the person's confirmed authenticator app; a code is never accepted twice. */
export async function verifyTotp(db: DbOrTx, userId: string, code: string, now: Date = new Date()): Promise<boolean> {
  const [factor] = await db
    .select({ id: authFactors.id, totpSecret: authFactors.totpSecret, totpLastStep: authFactors.totpLastStep })
    .from(authFactors)
    .where(and(eq(authFactors.userId, userId), eq(authFactors.kind, "totp"), isNotNull(authFactors.confirmedAt)));
  return factor ? checkTotp(db, factor, code, now) : false;
}

// ---------------------------------------------------------------- recovery codes

// No 0/O, 1/I/L: codes are read off paper.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

function hashRecoveryCode(code: string): string {
  return crypto
    .createHmac("sha256", getConfig().authSecret)
    .update(`ringfence recovery-code ${normaliseRecoveryCode(code)}`)
    .digest("hex");
}

/** Replaces the person's recovery codes with ten new ones, returned once and stored only as keyed hashes. */
export async function replaceRecoveryCodes(db: DbOrTx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  return codes;
}

/** Uses one recovery code; false when it is unknown or already used. */
export async function useRecoveryCode(db: DbOrTx, userId: string, code: string, now: Date = new Date()): Promise<boolean> {
  if (normaliseRecoveryCode(code).length !== 10) return false;
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

// ---------------------------------------------------------------- WebAuthn

/** Where WebAuthn ceremonies happen: the relying party id (a host name) and the exact origin the browser reports. */
export type RelyingParty = { id: string; origin: string };

type RegistrationJSON = Parameters<typeof verifyRegistrationResponse>[0]["response"];
type AuthenticationJSON = Parameters<typeof verifyAuthenticationResponse>[0]["response"];
type Transport = NonNullable<Parameters<typeof verifyAuthenticationResponse>[0]["authenticator"]["transports"]>[number];

async function storeChallenge(db: DbOrTx, sessionId: string, purpose: "register" | "authenticate", challenge: string, now: Date) {
  // One pending ceremony per session and purpose; stale ones go with it.
  await db.delete(webauthnChallenges).where(and(eq(webauthnChallenges.sessionId, sessionId), eq(webauthnChallenges.purpose, purpose)));
  await db.insert(webauthnChallenges).values({ sessionId, purpose, challenge, expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000) });
}

/** Takes the session's pending challenge for this purpose (it is single use), or null when none is live. */
async function takeChallenge(db: DbOrTx, sessionId: string, purpose: "register" | "authenticate", now: Date): Promise<string | null> {
  const rows = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.sessionId, sessionId), eq(webauthnChallenges.purpose, purpose)))
    .returning({ challenge: webauthnChallenges.challenge, expiresAt: webauthnChallenges.expiresAt });
  const live = rows.filter((r) => r.expiresAt > now);
  return live[0]?.challenge ?? null;
}

async function credentialsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      id: authFactors.id,
      credentialId: authFactors.credentialId,
      publicKey: authFactors.publicKey,
      signCount: authFactors.signCount,
      transports: authFactors.transports,
    })
    .from(authFactors)
    .where(and(eq(authFactors.userId, userId), eq(authFactors.kind, "webauthn"), isNotNull(authFactors.confirmedAt)))
    .orderBy(desc(authFactors.createdAt));
}

export async function passkeyRegistrationOptions(
  db: DbOrTx,
  input: { sessionId: string; userId: string; email: string; name: string; rp: RelyingParty },
  now: Date = new Date(),
) {
  const existing = await credentialsOf(db, input.userId);
  const options = await generateRegistrationOptions({
    rpName: "Ringfence",
    rpID: input.rp.id,
    userID: input.userId,
    userName: input.email,
    userDisplayName: input.name,
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({
      id: Buffer.from(c.credentialId ?? "", "base64url"),
      type: "public-key" as const,
      transports: (c.transports ?? []) as Transport[],
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(db, input.sessionId, "register", options.challenge, now);
  return options;
}

/** Verifies a registration against the session's challenge and stores the credential as a confirmed factor. */
export async function registerPasskey(
  db: DbOrTx,
  input: { sessionId: string; userId: string; rp: RelyingParty; response: unknown; label: string },
  now: Date = new Date(),
): Promise<{ ok: true; factorId: string } | { ok: false; reason: "no_challenge" | "not_verified" | "already_registered" }> {
  const challenge = await takeChallenge(db, input.sessionId, "register", now);
  if (!challenge) return { ok: false, reason: "no_challenge" };
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as RegistrationJSON,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      requireUserVerification: false,
    });
  } catch {
    return { ok: false, reason: "not_verified" };
  }
  const info = verification.registrationInfo;
  if (!verification.verified || !info) return { ok: false, reason: "not_verified" };
  const credentialId = Buffer.from(info.credentialID).toString("base64url");
  const response = input.response as RegistrationJSON;
  const [row] = await db
    .insert(authFactors)
    .values({
      userId: input.userId,
      kind: "webauthn",
      label: input.label,
      credentialId,
      publicKey: Buffer.from(info.credentialPublicKey).toString("base64url"),
      signCount: info.counter,
      transports: ((response.response?.transports ?? []) as unknown[]).filter((t): t is string => typeof t === "string").slice(0, 8),
      confirmedAt: now,
      lastUsedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: authFactors.id });
  return row ? { ok: true, factorId: row.id } : { ok: false, reason: "already_registered" };
}

export async function passkeyAuthenticationOptions(db: DbOrTx, input: { sessionId: string; userId: string; rp: RelyingParty }, now: Date = new Date()) {
  const credentials = await credentialsOf(db, input.userId);
  if (!credentials.length) return null;
  const options = await generateAuthenticationOptions({
    rpID: input.rp.id,
    userVerification: "preferred",
    allowCredentials: credentials.map((c) => ({
      id: Buffer.from(c.credentialId ?? "", "base64url"),
      type: "public-key" as const,
      transports: (c.transports ?? []) as Transport[],
    })),
  });
  await storeChallenge(db, input.sessionId, "authenticate", options.challenge, now);
  return options;
}

/** Verifies an assertion by one of the person's own credentials against the session's challenge. */
export async function verifyPasskey(
  db: DbOrTx,
  input: { sessionId: string; userId: string; rp: RelyingParty; response: unknown },
  now: Date = new Date(),
): Promise<boolean> {
  const challenge = await takeChallenge(db, input.sessionId, "authenticate", now);
  if (!challenge) return false;
  const response = input.response as AuthenticationJSON;
  const id = typeof response?.id === "string" ? response.id : "";
  const credential = (await credentialsOf(db, input.userId)).find((c) => c.credentialId === id);
  if (!credential?.publicKey || !credential.credentialId) return false;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      requireUserVerification: false,
      authenticator: {
        credentialID: Buffer.from(credential.credentialId, "base64url"),
        credentialPublicKey: Buffer.from(credential.publicKey, "base64url"),
        counter: credential.signCount ?? 0,
        transports: (credential.transports ?? []) as Transport[],
      },
    });
    if (!verification.verified) return false;
    // A counter that does not grow (when the authenticator keeps one) is a sign of a cloned key: the library refuses it above.
    await db.update(authFactors).set({ signCount: verification.authenticationInfo.newCounter, lastUsedAt: now }).where(eq(authFactors.id, credential.id));
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- removal

/** Removes one of the person's factors; their recovery codes go with the last one. */
export async function removeFactor(db: DbOrTx, userId: string, factorId: string): Promise<{ removed: boolean; remaining: number }> {
  const removed = await db
    .delete(authFactors)
    .where(and(eq(authFactors.id, factorId), eq(authFactors.userId, userId)))
    .returning({ id: authFactors.id });
  const remaining = (await listFactors(db, userId)).length;
  if (removed.length && remaining === 0) await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return { removed: removed.length === 1, remaining };
}

/** An administrator's reset: every factor and recovery code of the person is removed. */
export async function resetAllFactors(db: DbOrTx, userId: string): Promise<number> {
  const removed = await db.delete(authFactors).where(eq(authFactors.userId, userId)).returning({ id: authFactors.id });
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return removed.length;
}

/** Challenges older than their five minutes, for housekeeping. */
export async function purgeExpiredChallenges(db: DbOrTx, now: Date = new Date()): Promise<void> {
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
}
