import type { Principal } from "@/lib/identity/queries";

/**
 * The person a piece of domain code acts for: user, role and organisation.
 * Pages, actions and route handlers build it from the session; everything in
 * lib/ takes it as a plain value and never reads the session itself.
 */
export type Actor = Omit<Principal, "active" | "sessionVersion">;

export function auditActor(actor: Pick<Actor, "userId" | "organisationId"> & { role?: Actor["role"] | null }) {
  return { userId: actor.userId, organisationId: actor.organisationId, role: actor.role ?? null };
}
