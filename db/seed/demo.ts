import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations } from "@/db/schema";
import { demoSignInTable, seedDemoIdentity } from "./demo-identity";
import { seedBaselineCatalog } from "./catalog";
import { seedDemoProducts } from "./vendor";
import { seedDemoVendorWork } from "./vendor-work";
import { seedDemoRollouts } from "./rollouts";
import { seedDemoReview } from "./review";

/** Everything the demo needs, in dependency order. Idempotent. */
export async function seedDemo(db: Db): Promise<string> {
  const identity = await seedDemoIdentity(db);
  const catalog = await seedBaselineCatalog(db);
  const productCount = await seedDemoProducts(db);
  await seedDemoVendorWork(db);
  const rolloutCount = await seedDemoRollouts(db);
  const review = await seedDemoReview(db);
  return [
    `${identity.created} demo people, ${productCount} products, ${rolloutCount} rollout records created; baseline catalog ${catalog.created ? "published" : "already present"}${review ? "; one attestation in review with a panel" : ""}.`,
    demoSignInTable(),
  ].join("\n");
}

/** On the embedded database the first start seeds by itself. Returns the sign-in table when it did. */
export async function seedIfEmpty(db: Db): Promise<string | null> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  if ((row?.n ?? 0) > 0) return null;
  return seedDemo(db);
}
