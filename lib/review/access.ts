import "server-only";
import { and, eq, exists, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations, panelMembers, reviewPanels } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Relation } from "./transitions";

/**
 * Whose attestations a query may return. Every query of vendor data takes one,
 * and puts it in its where-clause:
 * - organisation: the vendor's own, every state;
 * - panel: the attestations whose panel the person sits on, having declared
 *   no conflict, from submission on (never a vendor's draft);
 * - none: nothing (observers and administrators read vendor data only through
 *   published reports and the administration pages built for them).
 */
export type Scope = { kind: "organisation"; organisationId: string } | { kind: "panel"; userId: string } | { kind: "none" };

export function scopeOf(actor: Pick<Actor, "role" | "organisationId" | "userId">): Scope {
  switch (actor.role) {
    case "vendor_officer":
    case "vendor_contributor":
      return { kind: "organisation", organisationId: actor.organisationId };
    case "platform_reviewer":
    case "gov_auditor":
      return { kind: "panel", userId: actor.userId };
    default:
      return { kind: "none" };
  }
}

/** The panel member rows through which a person reaches an attestation lineage. */
function seatedOn(userId: string, lineage: SQL | typeof attestations.lineageId, opts: { declared: boolean }) {
  return and(
    eq(panelMembers.userId, userId),
    isNull(panelMembers.removedAt),
    opts.declared ? eq(panelMembers.conflict, "none") : undefined,
    eq(reviewPanels.id, panelMembers.panelId),
    eq(reviewPanels.lineageId, lineage),
  );
}

/** The where-clause that limits `attestations` rows to a scope. */
export function attestationInScope(db: DbOrTx, scope: Scope): SQL {
  switch (scope.kind) {
    case "organisation":
      return eq(attestations.organisationId, scope.organisationId);
    case "panel":
      return and(
        ne(attestations.status, "draft"),
        exists(
          db
            .select({ one: sql`1` })
            .from(panelMembers)
            .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
            .where(seatedOn(scope.userId, attestations.lineageId, { declared: true })),
        ),
      )!;
    case "none":
      return sql`false`;
  }
}

/**
 * How a person stands to one attestation lineage (see Relation). Vendors are
 * owners of their organisation's attestations; reviewers are lead, member or
 * invited through their panel seat; everyone else is `none`.
 */
export async function relationTo(
  db: DbOrTx,
  actor: Pick<Actor, "role" | "organisationId" | "userId">,
  attestation: { organisationId: string; lineageId: string },
): Promise<Relation> {
  if (actor.role === "vendor_officer" || actor.role === "vendor_contributor") return actor.organisationId === attestation.organisationId ? "owner" : "none";
  if (actor.role !== "platform_reviewer" && actor.role !== "gov_auditor") return "none";
  const [seat] = await db
    .select({ isLead: panelMembers.isLead, conflict: panelMembers.conflict })
    .from(panelMembers)
    .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
    .where(and(eq(panelMembers.userId, actor.userId), isNull(panelMembers.removedAt), eq(reviewPanels.lineageId, attestation.lineageId)));
  if (!seat) return "none";
  if (seat.conflict === "pending") return "invited";
  if (seat.conflict !== "none") return "none";
  return seat.isLead ? "lead" : "member";
}
