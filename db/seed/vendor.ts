import { seedEvent } from "./log";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, products } from "@/db/schema";

type DemoProduct = { org: string; name: string; platforms: string[]; kernelMode: boolean; channels: { channel: "code" | "content"; cadence: string }[] };

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    org: "aegis-endpoint",
    name: "Aegis Sensor",
    platforms: ["Windows", "macOS", "Linux"],
    kernelMode: true,
    channels: [
      { channel: "code", cadence: "monthly" },
      { channel: "content", cadence: "several times a day" },
    ],
  },
  { org: "aegis-endpoint", name: "Aegis Cloud Console", platforms: ["Web"], kernelMode: false, channels: [{ channel: "code", cadence: "weekly" }] },
  {
    org: "bastion-sensor",
    name: "Bastion EDR",
    platforms: ["Windows", "Linux"],
    kernelMode: true,
    channels: [
      { channel: "code", cadence: "monthly" },
      { channel: "content", cadence: "daily" },
    ],
  },
  {
    org: "cobalt-shield",
    name: "Cobalt Antivirus",
    platforms: ["Windows"],
    kernelMode: false,
    channels: [
      { channel: "code", cadence: "quarterly" },
      { channel: "content", cadence: "hourly" },
    ],
  },
];

/** Demo products for the three demo vendors. Idempotent by (organisation, name). */
export async function seedDemoProducts(db: Db): Promise<number> {
  let created = 0;
  await db.transaction(async (tx) => {
    for (const p of DEMO_PRODUCTS) {
      const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, p.org));
      if (!org) continue;
      const [exists] = await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.organisationId, org.id), eq(sql`lower(${products.name})`, p.name.toLowerCase())));
      if (exists) continue;
      const [made] = await tx
        .insert(products)
        .values({ organisationId: org.id, name: p.name, platforms: p.platforms, kernelMode: p.kernelMode, channels: p.channels })
        .returning({ id: products.id });
      await seedEvent(tx, "product.created", { type: "product", id: made!.id }, { organisationId: org.id });
      created++;
    }
  });
  return created;
}
