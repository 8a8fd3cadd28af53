import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { frameworks, frameworkVersions } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { fail, ok, type ActionResult } from "@/lib/result";
import { parseFrameworkImport } from "./import";
import { frameworkToOscal } from "./oscal-export";
import { loadVersionDocument } from "./queries";
import type { FrameworkDocument } from "./schema";
import { insertFrameworkVersion } from "./store";

export interface ImportOutcome {
  versionId: string;
  slug: string;
  version: string;
  format: "ringfence" | "oscal";
  controlCount: number;
  warnings: string[];
}

/**
 * A JSON document (portal format or OSCAL catalog) becomes a new draft version.
 * Nothing is written unless the whole document is valid; every problem comes
 * back located, one per line of `fieldErrors.document`.
 */
export async function importFramework(db: DbOrTx, actor: AuditActor, text: string): Promise<ActionResult<ImportOutcome>> {
  const parsed = parseFrameworkImport(text);
  if (!parsed.ok) {
    const n = parsed.errors.length;
    return fail("invalid", `The document was not imported: ${n} problem${n > 1 ? "s" : ""} found. Nothing was saved.`, {
      document: parsed.errors.map((e) => `${e.path}: ${e.message}`),
    });
  }
  const { doc } = parsed;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: frameworkVersions.id })
      .from(frameworkVersions)
      .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
      .where(and(eq(frameworks.slug, doc.slug), eq(frameworkVersions.version, doc.version)));
    if (existing)
      return fail(
        "conflict",
        `Version ${doc.version} of framework "${doc.slug}" already exists. Change the version in the document (or edit the existing draft) and import again. Nothing was saved.`,
      );
    const { versionId } = await insertFrameworkVersion(tx, doc, { createdBy: actor.userId });
    const controlCount = doc.domains.reduce((s, d) => s + d.controls.length, 0);
    await recordAudit(
      tx,
      actor,
      "catalog.version.imported",
      { type: "framework_version", id: versionId },
      { slug: doc.slug, version: doc.version, format: parsed.format, controlCount },
    );
    return ok({ versionId, slug: doc.slug, version: doc.version, format: parsed.format, controlCount, warnings: parsed.warnings.slice(0, 50) });
  });
}

export type ExportFormat = "json" | "oscal";

/** A version as a downloadable file: the portal's JSON format or an OSCAL catalog. */
export async function exportVersion(db: DbOrTx, versionId: string, format: ExportFormat): Promise<{ filename: string; body: string } | null> {
  const doc = await loadVersionDocument(db, versionId);
  if (!doc) return null;
  const { versionId: _v, status, ...content } = doc;
  const base = `${content.slug}-${content.version}${status === "draft" ? "-draft" : ""}`;
  if (format === "json") return { filename: `${base}.json`, body: JSON.stringify(content, null, 2) + "\n" };
  // Drafts may hold empty rubric descriptors; the OSCAL converter carries them as they are.
  const oscal = frameworkToOscal(content as FrameworkDocument, { status });
  return { filename: `${base}.oscal.json`, body: JSON.stringify(oscal, null, 2) + "\n" };
}
