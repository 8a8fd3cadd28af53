import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { frameworks, frameworkVersions } from "@/db/schema";
import { insertFrameworkVersion } from "@/lib/catalog/store";
import { sdp10 } from "./catalog/sdp-1.0";
import { seedEvent } from "./log";

/** The baseline catalog, published. Idempotent: an existing 1.0 is left as it is. */
export async function seedBaselineCatalog(db: Db): Promise<{ versionId: string; created: boolean }> {
  const [existing] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(and(eq(frameworks.slug, sdp10.slug), eq(frameworkVersions.version, sdp10.version)));
  if (existing) return { versionId: existing.id, created: false };
  const { versionId } = await db.transaction(async (tx) => {
    const made = await insertFrameworkVersion(tx, sdp10, { publish: true });
    await seedEvent(tx, "catalog.version.published", { type: "framework_version", id: made.versionId }, {});
    return made;
  });
  return { versionId, created: true };
}
