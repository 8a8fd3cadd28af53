import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attestationAnswers, attestations, evidenceItems, evidenceLinks, frameworkVersions, organisations, panelMembers, products, reviewPanels } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { listApplicableControls } from "@/lib/attestations/queries";
import { submitAttestation } from "@/lib/attestations/submit";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { lockFor, moveTo } from "@/lib/review/state";

/** The period of the demo attestation in review; e2e/matrix/clarify.ts finds it by this date. */
export const DEMO_REVIEW_PERIOD = { start: "2025-07-01", end: "2025-12-31" } as const;

async function actor(db: Db, email: string): Promise<Actor | null> {
  const p = await getPrincipalForSignIn(db, email);
  if (!p) return null;
  const { passwordHash: _h, active: _a, sessionVersion: _s, ...rest } = p;
  return rest;
}

/**
 * An Aegis Cloud Console attestation, signed and submitted through the same
 * code as the portal, then placed in review with a panel: the demo reviewer
 * as lead and the demo auditor as member, both having declared no conflict.
 * Review pages have something to show on first sign-in. Idempotent: nothing
 * happens once Aegis has a review panel.
 */
export async function seedDemoReview(db: Db): Promise<boolean> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "aegis-endpoint"));
  if (!org) return false;
  const [existing] = await db.select({ id: reviewPanels.id }).from(reviewPanels).where(eq(reviewPanels.organisationId, org.id)).limit(1);
  if (existing) return false;
  const [officer, reviewer, auditor, admin] = await Promise.all(["officer@aegis.example", "reviewer@contoso.example", "auditor@ncra.example", "admin@ringfence.example"].map((e) => actor(db, e)));
  const [product] = await db.select().from(products).where(and(eq(products.organisationId, org.id), eq(products.name, "Aegis Cloud Console")));
  const [version] = await db.select({ id: frameworkVersions.id }).from(frameworkVersions).where(and(eq(frameworkVersions.version, "1.0"), eq(frameworkVersions.status, "published")));
  const [evidence] = await db.select({ id: evidenceItems.id }).from(evidenceItems).where(and(eq(evidenceItems.organisationId, org.id), eq(evidenceItems.status, "active"))).limit(1);
  if (!officer || !reviewer || !auditor || !admin || !product || !version || !evidence) return false;

  // Dated before the demo draft, so the draft stays first in the vendor's lists.
  const when = new Date(Date.now() - 30 * 86_400_000);
  const lineageId = crypto.randomUUID();
  const [row] = await db
    .insert(attestations)
    .values({ lineageId, organisationId: org.id, productId: product.id, frameworkVersionId: version.id, kind: "new", periodStart: DEMO_REVIEW_PERIOD.start, periodEnd: DEMO_REVIEW_PERIOD.end, createdBy: officer.userId, createdAt: when, updatedAt: when })
    .returning({ id: attestations.id });
  if (!row) return false;
  const controls = await listApplicableControls(db, version.id, product);
  await db.insert(attestationAnswers).values(
    controls.map((c) => ({ attestationId: row.id, controlId: c.id, status: "implemented" as const, narrative: "Demo answer: each release goes through staged rings with automated health gates.", maturity: 3, updatedBy: officer.userId })),
  );
  const must = controls.filter((c) => c.must);
  if (must.length) await db.insert(evidenceLinks).values(must.map((c) => ({ evidenceId: evidence.id, attestationId: row.id, controlId: c.id, createdBy: officer.userId })));
  const signed = await submitAttestation(db, officer, { attestationId: row.id, signerName: officer.name, signerTitle: "Head of Compliance", confirm: true }, when);
  if (!signed.ok) throw new Error(`seed: the demo review attestation could not be submitted: ${signed.formError ?? signed.code}`);

  await db.transaction(async (tx) => {
    const [panel] = await tx.insert(reviewPanels).values({ lineageId, organisationId: org.id, dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), assignedBy: admin.userId }).returning({ id: reviewPanels.id });
    await tx.insert(panelMembers).values([
      { panelId: panel!.id, userId: reviewer.userId, role: "platform_reviewer", isLead: true, conflict: "none", declaredAt: when },
      { panelId: panel!.id, userId: auditor.userId, role: "gov_auditor", conflict: "none", declaredAt: when },
    ]);
    const gate = await lockFor(tx, admin, row.id, "assign_panel");
    if (!gate.ok) throw new Error("seed: the demo review attestation could not be assigned");
    await moveTo(tx, admin, gate.row, "assign_panel", gate.to!, { panelId: panel!.id }, when);
  });
  return true;
}
