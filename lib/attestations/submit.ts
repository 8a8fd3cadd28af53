import "server-only";
import { and, eq, inArray, max } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { attestationAnswers, attestations, attestationSubmissions, evidenceItems, evidenceLinks } from "@/db/schema";
import { canonicalDigest } from "@/lib/crypto/canonical-json";
import { can } from "@/lib/auth/permissions";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/server/audit";
import { fail, ok, type ActionResult } from "@/lib/result";
import type { signSchema } from "@/lib/validations/vendor";
import { lockDraft, WITHDRAWN_MESSAGE } from "./answers";
import { findGaps, todayIso } from "./completeness";
import { getSubmission, loadWorkspace } from "./queries";
import { buildSnapshot, type Snapshot } from "./snapshot";
import { attestationStatement, STATEMENT_VERSION } from "./statement";
import { lockFor, moveTo } from "@/lib/review/state";
import { carryOverScores, panelOfLineage } from "@/lib/review/carry-over";

/** Freezes the snapshot, signs it and computes the digest, in one transaction with the status change. Refused while gaps remain, by the catalog version's answer rules. */
export async function submitAttestation(db: Db, actor: Actor, input: z.output<typeof signSchema>, now = new Date()): Promise<ActionResult<{ digest: string }>> {
  // Also checked by the action wrapper; repeated here so no other caller can sign as a contributor.
  if (!can(actor.role, "vendor.submit")) return fail("forbidden", "Only a compliance officer can sign and submit.");
  return db.transaction(async (tx): Promise<ActionResult<{ digest: string }>> => {
    const locked = await lockDraft(tx, actor.organisationId, input.attestationId);
    if (!locked.ok) return locked.error;
    const ws = await loadWorkspace(tx, actor.organisationId, input.attestationId);
    if (!ws) return fail("not_found", "This attestation does not exist.");
    const panel = await panelOfLineage(tx, ws.attestation.lineageId);
    const gate = await lockFor(tx, actor, ws.attestation.id, panel ? "resubmit" : "submit");
    if (!gate.ok) return gate.result;
    const gaps = findGaps(ws.controls, ws.answers, ws.links, todayIso(now), ws.requirements);
    // The same list the check page shows, so a caller without that page (or with a stale one) learns what is missing.
    if (gaps.length)
      return fail(
        "invalid",
        `This attestation cannot be submitted yet: ${gaps.length} ${gaps.length === 1 ? "gap remains" : "gaps remain"}. Fix them and try again.`,
        { gaps: gaps.map((g) => g.message) },
      );
    const signedAt = now.toISOString();
    const snapshot = buildSnapshot(
      ws,
      { id: actor.organisationId, name: actor.organisationName },
      {
        name: input.signerName,
        title: input.signerTitle,
        userId: actor.userId,
        statementVersion: STATEMENT_VERSION,
        statement: attestationStatement(actor.organisationName, ws.attestation.product.name),
        signedAt,
      },
    );
    const digest = canonicalDigest(snapshot);
    await tx.insert(attestationSubmissions).values({
      attestationId: ws.attestation.id,
      snapshot: snapshot as unknown as Record<string, unknown>,
      digest,
      signerUserId: actor.userId,
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      statementVersion: STATEMENT_VERSION,
      signedAt: now,
    });
    await moveTo(tx, actor, gate.row, panel ? "resubmit" : "submit", gate.to!, { digest }, now, "attestation.submitted");
    // A revision the panel asked for goes straight back to it: unchanged controls keep their scores.
    if (panel) await carryOverScores(tx, actor, panel, ws.attestation.lineageId, ws.attestation.revision, snapshot, now);
    return ok({ digest });
  });
}

/** Revision n+1, a draft made from revision n's frozen snapshot (answers and the evidence links still in the vault). */
export async function createRevision(db: Db, actor: Actor, attestationId: string): Promise<ActionResult<{ id: string }>> {
  if (!can(actor.role, "vendor.submit")) return fail("forbidden", "Only a compliance officer can create a revision.");
  return db.transaction(async (tx): Promise<ActionResult<{ id: string }>> => {
    const [current] = await tx
      .select()
      .from(attestations)
      .where(and(eq(attestations.id, attestationId), eq(attestations.organisationId, actor.organisationId)))
      .for("update");
    if (!current) return fail("not_found", "This attestation does not exist.");
    if (current.status === "withdrawn") return fail("conflict", WITHDRAWN_MESSAGE);
    // A published report with conditions can be followed by a remediation revision, reviewed by the same panel.
    if (current.status !== "changes_requested" && current.status !== "published")
      return fail("conflict", "A revision can be started only when the review panel has requested changes, or after the report is published.");
    const gate = await lockFor(tx, actor, current.id, "revise");
    if (!gate.ok) return gate.result;
    const [latest] = await tx
      .select({ n: max(attestations.revision) })
      .from(attestations)
      .where(eq(attestations.lineageId, current.lineageId));
    if ((latest?.n ?? 0) > current.revision) return fail("conflict", "A newer revision of this attestation already exists.");
    const submission = await getSubmission(tx, { kind: "organisation", organisationId: actor.organisationId }, current.id);
    if (!submission) return fail("conflict", "This attestation has no submission to revise.");
    const snapshot = submission.snapshot as unknown as Snapshot;
    const [row] = await tx
      .insert(attestations)
      .values({
        lineageId: current.lineageId,
        revision: current.revision + 1,
        organisationId: current.organisationId,
        productId: current.productId,
        frameworkVersionId: current.frameworkVersionId,
        kind: current.status === "published" ? "remediation" : "revised",
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
        createdBy: actor.userId,
      })
      .returning({ id: attestations.id });
    if (!row) throw new Error("insert returned no row");
    const answered = snapshot.controls.filter((c) => c.status !== null || c.narrative || c.plan || c.justification);
    if (answered.length) {
      await tx.insert(attestationAnswers).values(
        answered.map((c) => ({
          attestationId: row.id,
          controlId: c.id,
          status: c.status as "implemented" | null,
          narrative: c.narrative,
          maturity: c.maturity,
          justification: c.justification,
          targetDate: c.targetDate,
          plan: c.plan,
          updatedBy: actor.userId,
        })),
      );
    }
    const wanted = snapshot.controls.flatMap((c) => c.evidence.map((e) => ({ controlId: c.id, evidenceId: e.id })));
    const stillThere = new Set(
      wanted.length
        ? (
            await tx
              .select({ id: evidenceItems.id })
              .from(evidenceItems)
              .where(and(eq(evidenceItems.organisationId, actor.organisationId), inArray(evidenceItems.id, [...new Set(wanted.map((w) => w.evidenceId))])))
          ).map((r) => r.id)
        : [],
    );
    const links = wanted.filter((w) => stillThere.has(w.evidenceId));
    if (links.length)
      await tx
        .insert(evidenceLinks)
        .values(links.map((l) => ({ ...l, attestationId: row.id, createdBy: actor.userId })))
        .onConflictDoNothing();
    await recordAudit(
      tx,
      auditActor(actor),
      "attestation.revision_created",
      { type: "attestation", id: row.id },
      { from: current.id, revision: current.revision + 1 },
    );
    return ok({ id: row.id });
  });
}
