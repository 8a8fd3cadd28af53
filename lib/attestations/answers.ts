import "server-only";
import crypto from "node:crypto";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { attestationAnswers, attestations, evidenceItems, evidenceLinks, frameworkVersions, products } from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult, type Failure } from "@/lib/result";
import type { AnswerFields, evidenceLinksSchema, saveAnswerSchema, startAttestationSchema } from "@/lib/validations/vendor";
import { answerColumns, listApplicableControls, type SavedAnswer } from "./queries";
import { findOverlappingAttestation, whereItIs, type OverlappingAttestation } from "./overlap";

export const LOCKED_MESSAGE = "This attestation has been submitted and can no longer be changed. Create a revision to make changes.";
export const WITHDRAWN_MESSAGE = "This attestation has been withdrawn and can no longer be changed or revised.";

export async function startAttestation(db: Db, actor: Actor, input: z.output<typeof startAttestationSchema>): Promise<ActionResult<{ id: string }>> {
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, input.productId), eq(products.organisationId, actor.organisationId)));
  if (!product) return fieldError("productId", "Choose one of your organisation's products.");
  const [version] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .where(and(eq(frameworkVersions.id, input.frameworkVersionId), eq(frameworkVersions.status, "published")));
  if (!version) return fieldError("frameworkVersionId", "Choose a published catalog version.");
  return db.transaction(async (tx): Promise<ActionResult<{ id: string }>> => {
    // The product row lock makes two starts of the same product take turns, so both cannot pass the check.
    await tx.select({ id: products.id }).from(products).where(eq(products.id, product.id)).for("update");
    const existing = await findOverlappingAttestation(tx, actor.organisationId, { ...input, productId: product.id, frameworkVersionId: version.id });
    if (existing) return duplicateOf(existing);
    const [row] = await tx
      .insert(attestations)
      .values({
        lineageId: crypto.randomUUID(),
        organisationId: actor.organisationId,
        productId: product.id,
        frameworkVersionId: version.id,
        kind: input.kind,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        createdBy: actor.userId,
      })
      .returning({ id: attestations.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(
      tx,
      auditActor(actor),
      "attestation.started",
      { type: "attestation", id: row.id },
      { productId: product.id, frameworkVersionId: version.id, kind: input.kind },
    );
    return ok({ id: row.id });
  });
}

/** A second attestation of the same product, catalog version and period is refused; changes to the first go in a revision of it. */
function duplicateOf(existing: OverlappingAttestation): Failure {
  return {
    ...fail(
      "conflict",
      `This product already has an attestation against this catalog version for ${existing.periodStart} to ${existing.periodEnd}, which overlaps the period you entered. ${whereItIs(existing.status)}`,
    ),
    link: { href: `/vendor/attestations/${existing.id}`, text: `Open the existing attestation (${existing.periodStart} to ${existing.periodEnd})` },
  };
}

/** Locks the attestation row for the rest of the transaction, so a save cannot slip in while it is being submitted. */
export async function lockDraft(tx: DbOrTx, organisationId: string, attestationId: string) {
  const [row] = await tx
    .select({ id: attestations.id, status: attestations.status, frameworkVersionId: attestations.frameworkVersionId, productId: attestations.productId })
    .from(attestations)
    .where(and(eq(attestations.id, attestationId), eq(attestations.organisationId, organisationId)))
    .for("update");
  if (!row) return { ok: false, error: fail("not_found", "This attestation does not exist.") } as const;
  if (row.status !== "draft") return { ok: false, error: fail("conflict", row.status === "withdrawn" ? WITHDRAWN_MESSAGE : LOCKED_MESSAGE) } as const;
  return { ok: true, row } as const;
}

async function applicableControl(tx: DbOrTx, row: { frameworkVersionId: string; productId: string }, controlId: string) {
  const [product] = await tx.select({ kernelMode: products.kernelMode, channels: products.channels }).from(products).where(eq(products.id, row.productId));
  if (!product) return false;
  const controls = await listApplicableControls(tx, row.frameworkVersionId, product);
  return controls.some((c) => c.id === controlId);
}

export type SaveOutcome = { outcome: "saved"; version: number; savedAt: string } | { outcome: "stale"; theirs: SavedAnswer; yours: AnswerFields };

/**
 * Optimistic concurrency: the editor sends the version it started from. A
 * save from an older version is refused and returns both versions, so the
 * person can choose or merge; nothing is overwritten silently.
 */
export async function saveAnswer(db: Db, actor: Actor, input: z.output<typeof saveAnswerSchema>): Promise<ActionResult<SaveOutcome>> {
  const { attestationId, controlId, version, ...fields } = input;
  return db.transaction(async (tx): Promise<ActionResult<SaveOutcome>> => {
    const locked = await lockDraft(tx, actor.organisationId, attestationId);
    if (!locked.ok) return locked.error;
    if (!(await applicableControl(tx, locked.row, controlId))) return fail("not_found", "This control does not apply to this attestation.");
    const now = new Date();
    const values = { ...fields, updatedBy: actor.userId, updatedAt: now };
    const saved =
      version === 0
        ? await tx
            .insert(attestationAnswers)
            .values({ attestationId, controlId, ...values, version: 1 })
            .onConflictDoNothing()
            .returning({ version: attestationAnswers.version })
        : await tx
            .update(attestationAnswers)
            .set({ ...values, version: version + 1 })
            .where(
              and(eq(attestationAnswers.attestationId, attestationId), eq(attestationAnswers.controlId, controlId), eq(attestationAnswers.version, version)),
            )
            .returning({ version: attestationAnswers.version });
    if (saved[0]) {
      await recordAudit(
        tx,
        auditActor(actor),
        "attestation.answer_saved",
        { type: "attestation", id: attestationId },
        { controlId, version: saved[0].version },
      );
      return ok({ outcome: "saved" as const, version: saved[0].version, savedAt: now.toISOString() });
    }
    const [current] = await tx
      .select(answerColumns)
      .from(attestationAnswers)
      .where(and(eq(attestationAnswers.attestationId, attestationId), eq(attestationAnswers.controlId, controlId)));
    if (!current) return fail("not_found", "This answer no longer exists; reload the page.");
    const { controlId: _c, updatedAt, ...theirs } = current;
    return ok({ outcome: "stale" as const, theirs: { ...theirs, updatedAt: updatedAt.toISOString() }, yours: fields });
  });
}

/** Replaces the evidence linked to one control of a draft with the given items from the organisation's own vault. */
export async function setEvidenceLinks(db: Db, actor: Actor, input: z.output<typeof evidenceLinksSchema>): Promise<ActionResult<{ count: number }>> {
  const ids = [...new Set(input.evidenceIds)];
  return db.transaction(async (tx): Promise<ActionResult<{ count: number }>> => {
    const locked = await lockDraft(tx, actor.organisationId, input.attestationId);
    if (!locked.ok) return locked.error;
    if (!(await applicableControl(tx, locked.row, input.controlId))) return fail("not_found", "This control does not apply to this attestation.");
    const scope = and(eq(evidenceLinks.attestationId, input.attestationId), eq(evidenceLinks.controlId, input.controlId));
    if (ids.length) {
      const own = await tx
        .select({ id: evidenceItems.id, title: evidenceItems.title, status: evidenceItems.status })
        .from(evidenceItems)
        .where(and(inArray(evidenceItems.id, ids), eq(evidenceItems.organisationId, actor.organisationId)));
      if (own.length !== ids.length) return fail("not_found", "Some of that evidence does not exist in your vault.");
      // Retired items already linked may stay (the person unlinks them when ready); new links need current evidence.
      const retired = own.filter((e) => e.status === "retired");
      if (retired.length) {
        const kept = new Set((await tx.select({ id: evidenceLinks.evidenceId }).from(evidenceLinks).where(scope)).map((l) => l.id));
        const added = retired.find((e) => !kept.has(e.id));
        if (added) return fail("conflict", `“${added.title}” is retired and cannot be linked. Restore it in the vault first.`);
      }
    }
    await tx.delete(evidenceLinks).where(ids.length ? and(scope, notInArray(evidenceLinks.evidenceId, ids)) : scope);
    if (ids.length) {
      await tx
        .insert(evidenceLinks)
        .values(ids.map((evidenceId) => ({ evidenceId, attestationId: input.attestationId, controlId: input.controlId, createdBy: actor.userId })))
        .onConflictDoNothing();
    }
    await recordAudit(
      tx,
      auditActor(actor),
      "attestation.evidence_linked",
      { type: "attestation", id: input.attestationId },
      { controlId: input.controlId, evidenceIds: ids },
    );
    return ok({ count: ids.length });
  });
}
