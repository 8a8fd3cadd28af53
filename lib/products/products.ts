import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { products } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/server/audit";
import { isUuid } from "@/lib/ids";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import type { productSchema } from "@/lib/validations/vendor";
import type { z } from "zod";

type ProductValues = z.output<typeof productSchema>;
export type ProductView = {
  id: string;
  name: string;
  platforms: string[];
  kernelMode: boolean;
  channels: { channel: "code" | "content"; cadence: string }[];
  updatedAt: Date;
};

const view = {
  id: products.id,
  name: products.name,
  platforms: products.platforms,
  kernelMode: products.kernelMode,
  channels: products.channels,
  updatedAt: products.updatedAt,
};

/** Every query names the organisation from the session: foreign ids simply find nothing. */
export async function listProducts(db: DbOrTx, organisationId: string): Promise<ProductView[]> {
  return db.select(view).from(products).where(eq(products.organisationId, organisationId)).orderBy(asc(products.name));
}

export async function getProduct(db: DbOrTx, organisationId: string, id: string): Promise<ProductView | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(view)
    .from(products)
    .where(and(eq(products.id, id), eq(products.organisationId, organisationId)));
  return row ?? null;
}

function toColumns(input: ProductValues) {
  const channels: ProductView["channels"] = [];
  if (input.codeChannel) channels.push({ channel: "code", cadence: input.codeCadence });
  if (input.contentChannel) channels.push({ channel: "content", cadence: input.contentCadence });
  const platforms = [
    ...new Set(
      input.platforms
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
  return { name: input.name, platforms, kernelMode: input.kernelMode, channels };
}

async function nameTaken(db: DbOrTx, organisationId: string, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: products.id })
    .from(products)
    .where(
      and(eq(products.organisationId, organisationId), eq(sql`lower(${products.name})`, name.toLowerCase()), exceptId ? ne(products.id, exceptId) : undefined),
    )
    .limit(1);
  return rows.length > 0;
}

export async function createProduct(db: DbOrTx, actor: Actor, input: ProductValues): Promise<ActionResult<{ id: string }>> {
  if (await nameTaken(db, actor.organisationId, input.name)) return fieldError("name", "Your organisation already has a product with this name.");
  const values = toColumns(input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(products)
      .values({ ...values, organisationId: actor.organisationId, createdBy: actor.userId })
      .returning({ id: products.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, auditActor(actor), "product.created", { type: "product", id: row.id }, values);
    return row.id;
  });
  return ok({ id });
}

export async function updateProduct(db: DbOrTx, actor: Actor, id: string, input: ProductValues): Promise<ActionResult<{ id: string }>> {
  const current = await getProduct(db, actor.organisationId, id);
  if (!current) return fail("not_found", "This product does not exist.");
  if (await nameTaken(db, actor.organisationId, input.name, id)) return fieldError("name", "Your organisation already has a product with this name.");
  const values = toColumns(input);
  await db.transaction(async (tx) => {
    await tx
      .update(products)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(products.id, id), eq(products.organisationId, actor.organisationId)));
    await recordAudit(
      tx,
      auditActor(actor),
      "product.updated",
      { type: "product", id },
      { before: { name: current.name, platforms: current.platforms, kernelMode: current.kernelMode, channels: current.channels }, after: values },
    );
  });
  return ok({ id });
}

export function productToForm(p: ProductView) {
  const code = p.channels.find((c) => c.channel === "code");
  const content = p.channels.find((c) => c.channel === "content");
  return {
    name: p.name,
    platforms: p.platforms.join(", "),
    kernelMode: p.kernelMode,
    codeChannel: Boolean(code),
    codeCadence: code?.cadence ?? "",
    contentChannel: Boolean(content),
    contentCadence: content?.cadence ?? "",
  };
}
