import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { Actor } from "./actor";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { requestIsHttps } from "@/lib/http/request-scheme";
import { can, type Permission } from "./permissions";
import { sessionCookieClaims, type SessionCookieClaims } from "./session-cookie";
import { getSessionPrincipal, type SessionStage } from "./sessions";

export type { Actor } from "./actor";
export { auditActor } from "./actor";

export type SessionState = {
  actor: Actor;
  sessionId: string;
  /** "ready", or the second-factor step the session must take before it may do anything. */
  stage: SessionStage;
  /** When this session last gave a second factor; null if never. */
  factorAt: Date | null;
  /** Whether the person has a confirmed second factor. */
  enrolled: boolean;
  method: "password" | "sso";
};

/**
 * The session behind the request's cookie, checked against the database on every
 * request: a missing, revoked or expired session row, a deactivated account, a
 * changed role or a bumped session version ends the session here, whatever the
 * cookie says. It may still be waiting for a second factor (`stage`); only
 * `getSignedIn` and what is built on it hand out an actor, and only for "ready".
 */
export const getSessionState = cache(async (): Promise<SessionState | null> => {
  const token = await readSessionToken();
  const userId = token?.sub;
  const sessionId = token?.sid;
  // Cookies issued before server-side sessions carry no sid: they are refused.
  if (typeof userId !== "string" || !userId || typeof token?.sv !== "number" || typeof sessionId !== "string") return null;
  const principal = await getSessionPrincipal(await getDb(), userId, sessionId);
  if (!principal || !principal.active || principal.sessionVersion !== token.sv) return null;
  const { active: _a, sessionVersion: _s, stage, factorAt, enrolled, method, ...actor } = principal;
  return { actor, sessionId, stage, factorAt, enrolled, method };
});

/** This request's session cookie's claims (session-cookie.ts). */
async function readSessionToken(): Promise<SessionCookieClaims | null> {
  const incoming = await headers();
  return sessionCookieClaims(incoming.get("cookie"), requestIsHttps(incoming), getConfig().authSecret);
}

/**
 * The signed-in person and their session, only once the session is ready: a session
 * still owing a second factor (or an enrolment) gets null here, so every page, action
 * and route handler built on this refuses it.
 */
export const getSignedIn = cache(async (): Promise<{ actor: Actor; sessionId: string; factorAt: Date | null; enrolled: boolean } | null> => {
  const state = await getSessionState();
  if (!state || state.stage !== "ready") return null;
  return { actor: state.actor, sessionId: state.sessionId, factorAt: state.factorAt, enrolled: state.enrolled };
});

/** Where a session that owes a second factor must go. */
export function pendingFactorPath(stage: SessionStage): string {
  return stage === "enrol" ? "/login/enrol" : "/login/factor";
}

export async function getActor(): Promise<Actor | null> {
  return (await getSignedIn())?.actor ?? null;
}

/** For pages: anonymous people go to sign-in. */
export async function requireActor(): Promise<Actor> {
  const state = await getSessionState();
  if (!state) redirect("/login");
  if (state.stage !== "ready") redirect(pendingFactorPath(state.stage));
  return state.actor;
}

/** For pages: a section the role may not use answers not-found, as if it did not exist. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor.role, permission)) notFound();
  return actor;
}
