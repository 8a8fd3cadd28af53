import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organisations } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import type { OrganisationInput } from "@/lib/validations/admin";
import { slugify } from "./tokens";

type OrgValues = { name: string; kind: NonNullable<OrganisationInput["kind"]> };

async function nameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(sql`lower(${organisations.name})`, name.toLowerCase()), exceptId ? ne(organisations.id, exceptId) : undefined))
    .limit(1);
  return rows.length > 0;
}

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    const rows = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)).limit(1);
    if (rows.length === 0) return slug;
  }
}

export async function createOrganisation(db: Db, actor: AuditActor, input: OrgValues): Promise<ActionResult<{ id: string }>> {
  if (await nameTaken(db, input.name)) return fieldError("name", "An organisation with this name already exists.");
  const slug = await uniqueSlug(db, input.name);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(organisations).values({ name: input.name, kind: input.kind, slug }).returning({ id: organisations.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, "organisation.created", { type: "organisation", id: row.id }, { name: input.name, kind: input.kind });
    return row.id;
  });
  return ok({ id });
}

export async function updateOrganisation(db: Db, actor: AuditActor, id: string, input: OrgValues): Promise<ActionResult<{ id: string }>> {
  const [current] = await db.select({ kind: organisations.kind, name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  if (!current) return fail("not_found", "This organisation no longer exists.");
  if (await nameTaken(db, input.name, id)) return fieldError("name", "An organisation with this name already exists.");
  if (current.kind !== input.kind) {
    const [m] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(eq(memberships.organisationId, id));
    if ((m?.n ?? 0) > 0) return fieldError("kind", "This organisation has members, so its kind cannot change. Move or remove its members first.");
  }
  await db.transaction(async (tx) => {
    await tx.update(organisations).set({ name: input.name, kind: input.kind, updatedAt: new Date() }).where(eq(organisations.id, id));
    await recordAudit(tx, actor, "organisation.updated", { type: "organisation", id }, { before: current, after: input });
  });
  return ok({ id });
}
