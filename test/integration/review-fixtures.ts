import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attestations, memberships, organisations, panelMembers, reviewPanels, users } from "@/db/schema";
import { saveAnswer, setEvidenceLinks, startAttestation } from "@/lib/attestations/answers";
import { loadWorkspace } from "@/lib/attestations/queries";
import { submitAttestation } from "@/lib/attestations/submit";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { createUrlEvidence } from "@/lib/evidence/vault";
import { actorFor, ANSWERED, baselineVersionId, productNamed, uniquePeriod } from "./vendor-fixtures";

/** A person in a demo organisation, created for one test file (no password: they never sign in). */
export async function makePerson(db: Db, orgSlug: string, role: Role, name: string, opts: { active?: boolean } = {}): Promise<Actor> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, orgSlug));
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@${orgSlug}.example`;
  const [user] = await db
    .insert(users)
    .values({ email, name, active: opts.active ?? true })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: user!.id, organisationId: org!.id, role });
  return actorFor(db, email);
}

/**
 * A signed and submitted attestation of the officer's organisation for the
 * given product: every control answered, every must control evidenced with a
 * URL item of its vault. Returns its id and the snapshot's control uuids.
 */
export async function submitted(db: Db, officer: Actor, productName: string): Promise<{ id: string; controls: string[] }> {
  const versionId = await baselineVersionId(db);
  const productId = await productNamed(db, officer.organisationId, productName);
  const r = await startAttestation(db, officer, { productId, frameworkVersionId: versionId, kind: "new", ...uniquePeriod() });
  if (!r.ok) throw new Error("start failed");
  const ws = (await loadWorkspace(db, officer.organisationId, r.data.id))!;
  const ev = await createUrlEvidence(db, officer, {
    title: "Deployment policy",
    description: "",
    kind: "url",
    url: "https://vendor.example/sdp",
    evidenceDate: "2026-01-01",
    validUntil: null,
    classification: "publishable",
  });
  if (!ev.ok) throw new Error("evidence failed");
  for (const c of ws.controls) {
    await saveAnswer(db, officer, { attestationId: r.data.id, controlId: c.id, version: 0, ...ANSWERED });
    if (c.must) await setEvidenceLinks(db, officer, { attestationId: r.data.id, controlId: c.id, evidenceIds: [ev.data.id] });
  }
  const s = await submitAttestation(db, officer, { attestationId: r.data.id, signerName: officer.name, signerTitle: "CISO", confirm: true });
  if (!s.ok) throw new Error(`submit failed: ${s.formError}`);
  return { id: r.data.id, controls: ws.controls.map((c) => c.id) };
}

export type Seat = { who: Actor; isLead?: boolean; conflict?: "pending" | "none" | "declared" };

/**
 * Puts a submitted attestation in review with a panel, written directly (the
 * administrator's assignment page is not part of these tests). A declared
 * conflict removes the member, as the declaration does.
 */
export async function placeInReview(db: Db, attestationId: string, seats: Seat[]): Promise<{ panelId: string }> {
  const [a] = await db
    .select({ lineageId: attestations.lineageId, organisationId: attestations.organisationId })
    .from(attestations)
    .where(eq(attestations.id, attestationId));
  const [panel] = await db
    .insert(reviewPanels)
    .values({ lineageId: a!.lineageId, organisationId: a!.organisationId, dueDate: "2026-09-30" })
    .returning({ id: reviewPanels.id });
  await db.insert(panelMembers).values(
    seats.map((s) => {
      const conflict = s.conflict ?? "none";
      return {
        panelId: panel!.id,
        userId: s.who.userId,
        role: s.who.role,
        isLead: s.isLead ?? false,
        conflict,
        declaredAt: conflict === "pending" ? null : new Date(),
        removedAt: conflict === "declared" ? new Date() : null,
      };
    }),
  );
  await setStatus(db, attestationId, "in_review");
  return { panelId: panel!.id };
}

export async function setStatus(db: Db, attestationId: string, status: (typeof attestations.$inferSelect)["status"]): Promise<void> {
  await db.update(attestations).set({ status }).where(eq(attestations.id, attestationId));
}
