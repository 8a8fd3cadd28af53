import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations, reviewDecisions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { relationTo } from "@/lib/review/access";
import { isUuid } from "@/lib/ids";
import { buildReportDocument } from "./build";
import type { ReportDocument } from "./document";
import { preparationOf, previewEndsAt, type Preparation } from "./publish";

export type ReportPreview = { doc: ReportDocument; preparation: Preparation; previewEndsAt: Date; relation: "owner" | "lead" | "member"; status: string };

/**
 * The report as it would be published now, for the vendor's people and the
 * panel's seated members while the revision is decided (not yet published).
 * Null for anyone else, or in any other state.
 */
export async function previewReport(db: DbOrTx, actor: Actor, attestationId: string): Promise<ReportPreview | null> {
  if (!isUuid(attestationId)) return null;
  const [a] = await db
    .select({
      id: attestations.id,
      lineageId: attestations.lineageId,
      revision: attestations.revision,
      organisationId: attestations.organisationId,
      status: attestations.status,
    })
    .from(attestations)
    .where(eq(attestations.id, attestationId));
  if (!a || a.status !== "decided") return null;
  const relation = await relationTo(db, actor, a);
  if (relation !== "owner" && relation !== "lead" && relation !== "member") return null;
  const [decision] = await db.select({ cosignedAt: reviewDecisions.cosignedAt }).from(reviewDecisions).where(eq(reviewDecisions.attestationId, a.id));
  if (!decision?.cosignedAt) return null;
  const preparation = await preparationOf(db, a.id);
  const doc = await buildReportDocument(db, a, {
    id: "00000000-0000-4000-8000-000000000000",
    publishedAt: new Date(),
    vendorResponse: preparation.vendorResponse,
  });
  return doc ? { doc, preparation, previewEndsAt: previewEndsAt(decision.cosignedAt), relation, status: a.status } : null;
}
