import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations } from "@/db/schema";
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
