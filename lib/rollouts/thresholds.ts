import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { frameworkVersions } from "@/db/schema";
import type { RolloutThresholds } from "@/lib/catalog/schema";

/** The latest published framework version that defines rollout thresholds, or null when none does. */
export async function currentThresholds(db: DbOrTx): Promise<{ frameworkVersionId: string; thresholds: RolloutThresholds } | null> {
  const [row] = await db
    .select({ id: frameworkVersions.id, thresholds: frameworkVersions.thresholds })
    .from(frameworkVersions)
    .where(and(eq(frameworkVersions.status, "published"), isNotNull(frameworkVersions.thresholds)))
    .orderBy(desc(frameworkVersions.publishedAt))
    .limit(1);
  if (!row?.thresholds) return null;
  return { frameworkVersionId: row.id, thresholds: row.thresholds };
}
