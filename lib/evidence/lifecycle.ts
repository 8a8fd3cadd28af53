import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { blobs, clarificationMessages, evidenceItems, evidenceLinks, evidenceVersions } from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import { FILE_EVIDENCE_KINDS, LINK_EVIDENCE_KINDS, type updateEvidenceSchema } from "@/lib/validations/vendor";
import type { StoredFile } from "./file-item";
import { listEvidenceSubmissions } from "./queries";

const NOT_FOUND = "There is no such evidence in your vault.";

/** Locks one item of the organisation for the rest of the transaction; null for unknown or foreign ids. */
async function lockItem(tx: Tx, organisationId: string, evidenceId: string) {
  const [row] = await tx
    .select({
      id: evidenceItems.id,
      title: evidenceItems.title,
      description: evidenceItems.description,
      kind: evidenceItems.kind,
      evidenceDate: evidenceItems.evidenceDate,
      validUntil: evidenceItems.validUntil,
      classification: evidenceItems.classification,
      status: evidenceItems.status,
      blobSha256: evidenceItems.blobSha256,
      url: evidenceItems.url,
      rolloutRecordId: evidenceItems.rolloutRecordId,
      currentVersion: evidenceItems.currentVersion,
    })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.id, evidenceId), eq(evidenceItems.organisationId, organisationId)))
    .for("update");
  return row ?? null;
}
type LockedItem = NonNullable<Awaited<ReturnType<typeof lockItem>>>;

/** Which kinds an item may carry depends on what it holds: a file, a link or a rollout record. */
export function kindsFor(item: Pick<LockedItem, "blobSha256" | "url" | "rolloutRecordId">): readonly string[] {
  if (item.rolloutRecordId) return ["rollout_record"];
  if (item.url) return LINK_EVIDENCE_KINDS;
  return FILE_EVIDENCE_KINDS;
}

const EDITABLE = ["title", "description", "kind", "evidenceDate", "validUntil", "classification"] as const;

/** Edits an item's details; the audit row records each changed field before and after. */
export async function updateEvidence(db: Db, actor: Actor, input: z.output<typeof updateEvidenceSchema>): Promise<ActionResult<{ changed: string[] }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ changed: string[] }>> => {
    const item = await lockItem(tx, actor.organisationId, input.evidenceId);
    if (!item) return fail("not_found", NOT_FOUND);
    if (!kindsFor(item).includes(input.kind)) {
      return fieldError(
        "kind",
        item.rolloutRecordId
          ? "A rollout record keeps the kind “Rollout record”."
          : item.url
            ? "A link cannot be a rollout record."
            : "A file cannot be a web page or a rollout record: choose the kind of document it is.",
      );
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of EDITABLE) if (item[key] !== input[key]) changes[key] = { from: item[key], to: input[key] };
    const changed = Object.keys(changes);
    if (changed.length === 0) return ok({ changed });
    const { evidenceId: _id, ...values } = input;
    await tx
      .update(evidenceItems)
      .set({ ...values, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(evidenceItems.id, item.id));
    await recordAudit(tx, auditActor(actor), "evidence.updated", { type: "evidence", id: item.id }, { changes });
    return ok({ changed });
  });
}

/** Retires an item no longer current (it stays where it was linked and in signed submissions), or brings it back. */
export async function setEvidenceRetired(
  db: Db,
  actor: Actor,
  input: { evidenceId: string; retired: boolean },
): Promise<ActionResult<{ status: "active" | "retired" }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ status: "active" | "retired" }>> => {
    const item = await lockItem(tx, actor.organisationId, input.evidenceId);
    if (!item) return fail("not_found", NOT_FOUND);
    const status = input.retired ? "retired" : "active";
    if (item.status === status) return ok({ status });
    const now = new Date();
    await tx
      .update(evidenceItems)
      .set({ status, retiredAt: input.retired ? now : null, retiredBy: input.retired ? actor.userId : null, updatedBy: actor.userId, updatedAt: now })
      .where(eq(evidenceItems.id, item.id));
    await recordAudit(tx, auditActor(actor), input.retired ? "evidence.retired" : "evidence.restored", { type: "evidence", id: item.id }, {});
    return ok({ status });
  });
}

/** Why an item may not be deleted, or null when it may: anything linked or in a signed submission stays. */
export async function deletionBlocker(db: DbOrTx, organisationId: string, evidenceId: string): Promise<string | null> {
  const submissions = (await listEvidenceSubmissions(db, organisationId, evidenceId)).length;
  if (submissions > 0)
    return `It is part of ${submissions === 1 ? "a signed submission" : `${submissions} signed submissions`}, which must stay verifiable. Retire it instead.`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidenceLinks)
    .where(eq(evidenceLinks.evidenceId, evidenceId));
  const links = row?.n ?? 0;
  if (links > 0) return `It is linked to ${links === 1 ? "a control" : `${links} controls`}. Unlink it first, or retire it instead.`;
  // Answers to the review panel keep what they attached, like a submission.
  const [answers] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(clarificationMessages)
    .where(eq(clarificationMessages.evidenceItemId, evidenceId));
  if ((answers?.n ?? 0) > 0)
    return `It is attached to ${answers!.n === 1 ? "an answer" : `${answers!.n} answers`} to the review panel, which must stay as sent. Retire it instead.`;
  return null;
}

/**
 * Deletes an item that was never linked or submitted. Its stored file stays
 * in content storage (other items or an upload in progress may hold the same
 * content); only the vault entry and its version history go.
 */
export async function deleteEvidence(db: Db, actor: Actor, input: { evidenceId: string }): Promise<ActionResult<{ title: string }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ title: string }>> => {
    const item = await lockItem(tx, actor.organisationId, input.evidenceId);
    if (!item) return fail("not_found", NOT_FOUND);
    const blocker = await deletionBlocker(tx, actor.organisationId, item.id);
    if (blocker) return fail("conflict", `“${item.title}” cannot be deleted. ${blocker}`);
    const versions = await tx
      .select({ version: evidenceVersions.version, sha256: evidenceVersions.blobSha256 })
      .from(evidenceVersions)
      .where(eq(evidenceVersions.evidenceId, item.id));
    await tx.delete(evidenceItems).where(eq(evidenceItems.id, item.id));
    await recordAudit(tx, auditActor(actor), "evidence.deleted", { type: "evidence", id: item.id }, { kind: item.kind, versions });
    return ok({ title: item.title });
  });
}

export type NewVersionOutcome = { ok: true; version: number } | { ok: false; status: 404 | 409; title: string; detail: string };

/**
 * Makes a committed file the item's new current version. Links follow the
 * item; signed submissions keep the hash of the version they signed.
 */
export async function addEvidenceVersion(db: Db, actor: Actor, evidenceId: string, fileName: string, file: StoredFile): Promise<NewVersionOutcome> {
  return db.transaction(async (tx): Promise<NewVersionOutcome> => {
    const item = await lockItem(tx, actor.organisationId, evidenceId);
    if (!item) return { ok: false, status: 404, title: "Not found", detail: NOT_FOUND };
    if (!item.blobSha256)
      return { ok: false, status: 409, title: "Not a file", detail: "Only file evidence has versions; this item is a link or a rollout record." };
    if (item.status === "retired") return { ok: false, status: 409, title: "Retired", detail: "This item is retired. Restore it before adding a new version." };
    if (item.blobSha256 === file.sha256)
      return { ok: false, status: 409, title: "Same file", detail: `This file is identical to version ${item.currentVersion}; nothing was changed.` };
    const version = item.currentVersion + 1;
    await tx.insert(blobs).values(file).onConflictDoNothing();
    await tx.insert(evidenceVersions).values({ evidenceId: item.id, version, blobSha256: file.sha256, fileName, createdBy: actor.userId });
    await tx
      .update(evidenceItems)
      .set({ blobSha256: file.sha256, fileName, currentVersion: version, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(evidenceItems.id, item.id));
    await recordAudit(
      tx,
      auditActor(actor),
      "evidence.version_added",
      { type: "evidence", id: item.id },
      { version, sha256: file.sha256, size: file.size, mime: file.mime, fileName, previousSha256: item.blobSha256 },
    );
    return { ok: true, version };
  });
}
