import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { frameworks, frameworkVersions } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { fail, ok, type ActionResult } from "@/lib/result";
import type { VersionMetaInput } from "@/lib/validations/catalog";
import { lockDraft } from "./draft-guard";
import { loadVersionDocument } from "./queries";
import { frameworkDocumentSchema, formatIssuePath } from "./schema";
import { insertFrameworkVersion } from "./store";

/** The next free minor version after `from` among `taken`: 1.0 → 1.1 (or 1.2 if 1.1 exists). */
export function nextVersion(from: string, taken: ReadonlyArray<string>): string {
  const [major = "1", minor = "0"] = from.split(".");
  let m = Number(minor) + 1;
  while (taken.includes(`${major}.${m}`)) m++;
  return `${major}.${m}`;
}

async function versionExists(tx: DbOrTx, slug: string, version: string, exceptId?: string): Promise<boolean> {
  const rows = await tx
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(and(eq(frameworks.slug, slug), eq(frameworkVersions.version, version)));
  return rows.some((r) => r.id !== exceptId);
}

/** A new draft holding a full copy of a published (or retired) version. */
export async function createDraftFromVersion(db: DbOrTx, actor: AuditActor, sourceId: string): Promise<ActionResult<{ versionId: string; version: string }>> {
  return db.transaction(async (tx) => {
    const doc = await loadVersionDocument(tx, sourceId);
    if (!doc) return fail("not_found", "This catalog version does not exist.");
    if (doc.status === "draft") return fail("conflict", "Drafts are edited directly; new drafts are made from a published version.");
    const taken = await tx
      .select({ version: frameworkVersions.version })
      .from(frameworkVersions)
      .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
      .where(eq(frameworks.slug, doc.slug));
    const version = nextVersion(
      doc.version,
      taken.map((t) => t.version),
    );
    const { versionId: _v, status: _s, ...content } = doc;
    const { versionId } = await insertFrameworkVersion(tx, { ...content, version }, { createdBy: actor.userId, basedOnVersionId: sourceId });
    await recordAudit(tx, actor, "catalog.version.draft_created", { type: "framework_version", id: versionId }, { from: sourceId, version });
    return ok({ versionId, version });
  });
}

/** Edits a draft's title, description, publisher, version string, rollout thresholds and answer requirements. */
export async function updateVersionMeta(db: DbOrTx, actor: AuditActor, versionId: string, input: VersionMetaInput): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const doc = await loadVersionDocument(tx, versionId);
    if (!doc) return fail("not_found", "This catalog version does not exist.");
    if (await versionExists(tx, doc.slug, input.version, versionId))
      return fail("conflict", undefined, { version: [`Version ${input.version} of this framework already exists.`] });
    await tx
      .update(frameworkVersions)
      .set({
        title: input.title,
        description: input.description,
        publisher: input.publisher,
        version: input.version,
        thresholds: input.hasThresholds ? (input.thresholds ?? null) : null,
        answerRequirements: input.answerRequirements,
        updatedAt: new Date(),
      })
      .where(eq(frameworkVersions.id, versionId));
    await recordAudit(tx, actor, "catalog.version.updated", { type: "framework_version", id: versionId }, { version: input.version });
    return ok(null);
  });
}

/** Every reason a draft cannot be published yet, each with its location. */
export async function publishProblems(db: DbOrTx, versionId: string): Promise<string[] | null> {
  const doc = await loadVersionDocument(db, versionId);
  if (!doc) return null;
  const problems: string[] = [];
  doc.domains.forEach((d, di) =>
    d.controls.forEach((c, ci) => {
      const missing = c.rubric.flatMap((r, level) => (r.trim() === "" ? [level] : []));
      if (missing.length)
        problems.push(`${c.id} (domains[${di}].controls[${ci}]): rubric level${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not written`);
    }),
  );
  const { versionId: _v, status: _s, ...content } = doc;
  const parsed = frameworkDocumentSchema.safeParse(content);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      if (issue.path.includes("rubric")) continue; // already listed above, per control
      const [, di, , ci] = issue.path;
      const control = typeof di === "number" && typeof ci === "number" ? doc.domains[di]?.controls[ci]?.id : undefined;
      problems.push(`${control ? `${control} (${formatIssuePath(issue.path)})` : formatIssuePath(issue.path)}: ${issue.message}`);
    }
  return problems;
}

/** Publishing freezes the version (database triggers); refused, with every problem listed, unless the whole framework is valid. */
export async function publishVersion(db: DbOrTx, actor: AuditActor, versionId: string): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const problems = (await publishProblems(tx, versionId)) ?? [];
    if (problems.length)
      return fail("conflict", `This version cannot be published yet: ${problems.length} problem${problems.length > 1 ? "s" : ""} to fix.`, { problems });
    await tx.update(frameworkVersions).set({ status: "published", publishedAt: new Date(), updatedAt: new Date() }).where(eq(frameworkVersions.id, versionId));
    await recordAudit(tx, actor, "catalog.version.published", { type: "framework_version", id: versionId });
    return ok(null);
  });
}

/** A published version leaves use; it stays readable and unchanged. */
export async function retireVersion(db: DbOrTx, actor: AuditActor, versionId: string): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const [v] = await tx.select({ status: frameworkVersions.status }).from(frameworkVersions).where(eq(frameworkVersions.id, versionId)).for("update");
    if (!v) return fail("not_found", "This catalog version does not exist.");
    if (v.status !== "published") return fail("conflict", "Only a published version can be retired.");
    await tx.update(frameworkVersions).set({ status: "retired", retiredAt: new Date(), updatedAt: new Date() }).where(eq(frameworkVersions.id, versionId));
    await recordAudit(tx, actor, "catalog.version.retired", { type: "framework_version", id: versionId });
    return ok(null);
  });
}
