import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, products } from "@/db/schema";

/** A demo organisation and one of its products, looked up by slug and name. */
export async function orgAndProduct(db: Db, slug: string, productName: string): Promise<{ organisationId: string; productId: string }> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
  if (!org) throw new Error(`no organisation ${slug}`);
  const [p] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.organisationId, org.id), eq(products.name, productName)));
  if (!p) throw new Error(`no product ${productName}`);
  return { organisationId: org.id, productId: p.id };
}

export function apiRequest(path: string, init: { method?: string; token?: string; body?: string; headers?: Record<string, string> } = {}): Request {
  const headers: Record<string, string> = {
    ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
    ...init.headers,
  };
  return new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers, body: init.body });
}
