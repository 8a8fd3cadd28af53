import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getPrincipalById, type Principal } from "@/lib/identity/queries";
import { auth } from "./auth";
import { can, type Permission } from "./permissions";

export type Actor = Omit<Principal, "active" | "sessionVersion">;

/**
 * The signed-in person, checked against the database on every request: a
 * deactivated account, a changed role or a bumped session version ends the
 * session here, whatever the cookie says.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { user?: { id?: string }; sv?: unknown } | null;
  const userId = session?.user?.id;
  if (!userId || typeof session?.sv !== "number") return null;
  const principal = await getPrincipalById(await getDb(), userId);
  if (!principal || !principal.active || principal.sessionVersion !== session.sv) return null;
  const { active: _a, sessionVersion: _s, ...actor } = principal;
  return actor;
});

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

export function auditActor(actor: Actor) {
  return { userId: actor.userId, organisationId: actor.organisationId };
}
