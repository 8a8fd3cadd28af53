import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { catalogControls, catalogDomains, frameworks, frameworkVersions } from "@/db/schema";
import type { FrameworkDocument } from "./schema";
import type { DraftFrameworkDocument } from "./draft-schema";

type Doc = FrameworkDocument | DraftFrameworkDocument;

/**
 * Writes a framework document as a new version (a draft unless told otherwise).
 * Content is inserted while the version is a draft; publishing afterwards is
 * what freezes it (database triggers), so the same path serves seed and import.
 */
export async function insertFrameworkVersion(
  tx: DbOrTx,
  doc: Doc,
  opts: { publish?: boolean; createdBy?: string | null; basedOnVersionId?: string | null } = {},
): Promise<{ versionId: string; frameworkId: string }> {
  await tx.insert(frameworks).values({ slug: doc.slug }).onConflictDoNothing({ target: frameworks.slug });
  const [fw] = await tx.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.slug, doc.slug));
  if (!fw) throw new Error(`framework ${doc.slug} missing after insert`);
  const [version] = await tx
    .insert(frameworkVersions)
    .values({
      frameworkId: fw.id,
      version: doc.version,
      title: doc.title,
      description: doc.description,
      publisher: doc.publisher,
      thresholds: doc.thresholds,
      answerRequirements: doc.answerRequirements,
      status: "draft",
      createdBy: opts.createdBy ?? null,
      basedOnVersionId: opts.basedOnVersionId ?? null,
    })
    .returning({ id: frameworkVersions.id });
  if (!version) throw new Error("version insert returned no row");
  for (const [di, d] of doc.domains.entries()) {
    const [domain] = await tx
      .insert(catalogDomains)
      .values({ versionId: version.id, key: d.key, title: d.title, description: d.description, position: di })
      .returning({ id: catalogDomains.id });
    if (!domain) throw new Error("domain insert returned no row");
    if (d.controls.length === 0) continue;
    await tx.insert(catalogControls).values(
      d.controls.map((c, ci) => ({
        versionId: version.id,
        domainId: domain.id,
        controlId: c.id,
        position: ci,
        title: c.title,
        statement: c.statement,
        vendorGuidance: c.vendorGuidance,
        reviewerGuidance: c.reviewerGuidance,
        channels: [...c.applicability.channels],
        kernelOnly: c.applicability.kernelOnly,
        weight: c.weight,
        must: c.must,
        evidenceKinds: [...c.evidenceKinds],
        rubric: [...c.rubric],
        mappings: c.mappings,
      })),
    );
  }
  if (opts.publish) {
    await tx.update(frameworkVersions).set({ status: "published", publishedAt: new Date() }).where(eq(frameworkVersions.id, version.id));
  }
  return { versionId: version.id, frameworkId: fw.id };
}
