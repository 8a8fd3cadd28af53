import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mfaPolicy, organisations } from "@/db/schema";
import { seedEvent } from "./log";
import { demoSignInTable, seedDemoIdentity } from "./demo-identity";
import { seedBaselineCatalog } from "./catalog";
import { seedDemoProducts } from "./vendor";
import { seedDemoVendorWork } from "./vendor-work";
import { seedDemoRollouts } from "./rollouts";
import { seedDemoReviews } from "./reviews";
import { seedDemoNotifications } from "./notifications";

/** Everything the demo needs, in dependency order. Idempotent. */
export async function seedDemo(db: Db): Promise<string> {
  const identity = await seedDemoIdentity(db);
  if (identity.created > 0) await relaxDemoFactorPolicy(db);
  const catalog = await seedBaselineCatalog(db);
  const productCount = await seedDemoProducts(db);
  await seedDemoVendorWork(db);
  const rolloutCount = await seedDemoRollouts(db);
  const reviewCount = await seedDemoReviews(db);
  // People the review seed told nothing get a few notifications, so no list starts empty.
  await seedDemoNotifications(db);
  return [
    `${identity.created} demo people, ${productCount} products, ${rolloutCount} rollout records, ${reviewCount} submissions at review stages created; baseline catalog ${catalog.created ? "published" : "already present"}.`,
    demoSignInTable(),
  ].join("\n");
}

/** On the embedded database the first start seeds by itself. Returns the sign-in table when it did. */
export async function seedIfEmpty(db: Db): Promise<string | null> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  if ((row?.n ?? 0) > 0) return null;
  return seedDemo(db);
}

/**
 * A new installation requires a second factor for administrators, reviewers, auditors and
 * vendor officers (migration 0010). The demo data makes it optional for every role, so the
 * demo accounts can be tried with their password alone; an administrator turns the
 * requirement back on at /admin/security. Only on the run that creates the demo people,
 * so re-running the seed never undoes an administrator's choice.
 */
async function relaxDemoFactorPolicy(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(mfaPolicy)
      .set({ required: false, updatedAt: new Date() })
      .where(sql`${mfaPolicy.required}`)
      .returning({ role: mfaPolicy.role });
    if (changed.length) await seedEvent(tx, "security.mfa_policy_changed", { type: "system" }, { optional: changed.map((r) => r.role).sort() });
  });
}
