import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { Actor } from "./actor";
import { auth } from "./auth";
import { can, type Permission } from "./permissions";
import { getSessionPrincipal } from "./sessions";

export type { Actor } from "./actor";
export { auditActor } from "./actor";

/**
 * The signed-in person and the server-side session they use, checked against
 * the database on every request: a missing, revoked or expired session row, a
 * deactivated account, a changed role or a bumped session version ends the
 * session here, whatever the cookie says.
 */
export const getSignedIn = cache(async (): Promise<{ actor: Actor; sessionId: string } | null> => {
  const session = (await auth()) as { user?: { id?: string }; sv?: unknown; sid?: unknown } | null;
  const userId = session?.user?.id;
  const sessionId = session?.sid;
  // Cookies issued before server-side sessions carry no sid: they are refused.
  if (!userId || typeof session?.sv !== "number" || typeof sessionId !== "string") return null;
  const principal = await getSessionPrincipal(await getDb(), userId, sessionId);
  if (!principal || !principal.active || principal.sessionVersion !== session.sv) return null;
  const { active: _a, sessionVersion: _s, ...actor } = principal;
  return { actor, sessionId };
});

export async function getActor(): Promise<Actor | null> {
  return (await getSignedIn())?.actor ?? null;
}

/** For pages: anonymous people go to sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages: a section the role may not use answers not-found, as if it did not exist. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor.role, permission)) notFound();
  return actor;
}
