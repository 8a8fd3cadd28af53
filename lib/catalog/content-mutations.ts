import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { catalogControls, catalogDomains } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { fail, ok, type ActionResult } from "@/lib/result";
import type { ControlInput, DomainInput } from "@/lib/validations/catalog";
import { lockDraft, touchVersion } from "./draft-guard";

const target = (versionId: string) => ({ type: "framework_version", id: versionId });

async function domainByKey(tx: DbOrTx, versionId: string, key: string) {
  const [d] = await tx
    .select({ id: catalogDomains.id })
    .from(catalogDomains)
    .where(and(eq(catalogDomains.versionId, versionId), eq(catalogDomains.key, key)));
  return d ?? null;
}

export async function createDomain(db: DbOrTx, actor: AuditActor, versionId: string, input: DomainInput): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    if (await domainByKey(tx, versionId, input.key)) return fail("conflict", undefined, { key: [`This version already has a domain ${input.key}.`] });
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${catalogDomains.position}) + 1, 0)::int` })
      .from(catalogDomains)
      .where(eq(catalogDomains.versionId, versionId));
    await tx.insert(catalogDomains).values({ versionId, ...input, position: Number(next) });
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.domain.created", target(versionId), { key: input.key });
    return ok(null);
  });
}

export async function updateDomain(db: DbOrTx, actor: AuditActor, versionId: string, key: string, input: DomainInput): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const d = await domainByKey(tx, versionId, key);
    if (!d) return fail("not_found", "This domain does not exist.");
    if (input.key !== key && (await domainByKey(tx, versionId, input.key)))
      return fail("conflict", undefined, { key: [`This version already has a domain ${input.key}.`] });
    await tx.update(catalogDomains).set(input).where(eq(catalogDomains.id, d.id));
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.domain.updated", target(versionId), { key, newKey: input.key });
    return ok(null);
  });
}

/** Removes a domain and every control in it. */
export async function deleteDomain(db: DbOrTx, actor: AuditActor, versionId: string, key: string): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const d = await domainByKey(tx, versionId, key);
    if (!d) return fail("not_found", "This domain does not exist.");
    await tx.delete(catalogDomains).where(eq(catalogDomains.id, d.id));
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.domain.deleted", target(versionId), { key });
    return ok(null);
  });
}

/** `keys` must name every domain of the version exactly once, in the new order. */
export async function reorderDomains(db: DbOrTx, actor: AuditActor, versionId: string, keys: string[]): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const rows = await tx.select({ id: catalogDomains.id, key: catalogDomains.key }).from(catalogDomains).where(eq(catalogDomains.versionId, versionId));
    if (
      !samePermutation(
        rows.map((r) => r.key),
        keys,
      )
    )
      return fail("conflict", "The domains changed while you were reordering them. Reload the page and try again.");
    for (const [position, key] of keys.entries()) {
      const id = rows.find((r) => r.key === key)!.id;
      await tx.update(catalogDomains).set({ position }).where(eq(catalogDomains.id, id));
    }
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.domain.reordered", target(versionId), { keys });
    return ok(null);
  });
}

function controlValues(input: ControlInput) {
  return {
    controlId: input.id,
    title: input.title,
    statement: input.statement,
    vendorGuidance: input.vendorGuidance,
    reviewerGuidance: input.reviewerGuidance,
    channels: [...input.channels],
    kernelOnly: input.kernelOnly,
    weight: input.weight,
    must: input.must,
    evidenceKinds: [...input.evidenceKinds],
    rubric: [...input.rubric],
    mappings: input.mappings.map((m) => (m.note ? m : { scheme: m.scheme, ref: m.ref })),
  };
}

async function controlByKey(tx: DbOrTx, versionId: string, controlId: string) {
  const [c] = await tx
    .select({ id: catalogControls.id, domainId: catalogControls.domainId })
    .from(catalogControls)
    .where(and(eq(catalogControls.versionId, versionId), eq(catalogControls.controlId, controlId)));
  return c ?? null;
}

async function nextControlPosition(tx: DbOrTx, domainId: string): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${catalogControls.position}) + 1, 0)::int` })
    .from(catalogControls)
    .where(eq(catalogControls.domainId, domainId));
  return Number(row?.next ?? 0);
}

export async function createControl(db: DbOrTx, actor: AuditActor, versionId: string, input: ControlInput): Promise<ActionResult<{ controlId: string }>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const domain = await domainByKey(tx, versionId, input.domainKey);
    if (!domain) return fail("invalid", undefined, { domainKey: ["Choose a domain of this version."] });
    if (await controlByKey(tx, versionId, input.id)) return fail("conflict", undefined, { id: [`This version already has a control ${input.id}.`] });
    await tx.insert(catalogControls).values({ versionId, domainId: domain.id, position: await nextControlPosition(tx, domain.id), ...controlValues(input) });
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.control.created", target(versionId), { controlId: input.id });
    return ok({ controlId: input.id });
  });
}

/** Edits every field of a draft control; a new domain moves it to the end of that domain. */
export async function updateControl(
  db: DbOrTx,
  actor: AuditActor,
  versionId: string,
  controlId: string,
  input: ControlInput,
): Promise<ActionResult<{ controlId: string }>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const current = await controlByKey(tx, versionId, controlId);
    if (!current) return fail("not_found", "This control does not exist.");
    const domain = await domainByKey(tx, versionId, input.domainKey);
    if (!domain) return fail("invalid", undefined, { domainKey: ["Choose a domain of this version."] });
    if (input.id !== controlId && (await controlByKey(tx, versionId, input.id)))
      return fail("conflict", undefined, { id: [`This version already has a control ${input.id}.`] });
    const moved = domain.id !== current.domainId;
    await tx
      .update(catalogControls)
      .set({ ...controlValues(input), domainId: domain.id, ...(moved ? { position: await nextControlPosition(tx, domain.id) } : {}) })
      .where(eq(catalogControls.id, current.id));
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.control.updated", target(versionId), { controlId, newControlId: input.id });
    return ok({ controlId: input.id });
  });
}

export async function deleteControl(db: DbOrTx, actor: AuditActor, versionId: string, controlId: string): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const current = await controlByKey(tx, versionId, controlId);
    if (!current) return fail("not_found", "This control does not exist.");
    await tx.delete(catalogControls).where(eq(catalogControls.id, current.id));
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.control.deleted", target(versionId), { controlId });
    return ok(null);
  });
}

/** `controlIds` must name every control of the domain exactly once, in the new order. */
export async function reorderControls(db: DbOrTx, actor: AuditActor, versionId: string, domainKey: string, controlIds: string[]): Promise<ActionResult<null>> {
  return db.transaction(async (tx) => {
    const refused = await lockDraft(tx, versionId);
    if (refused) return refused;
    const domain = await domainByKey(tx, versionId, domainKey);
    if (!domain) return fail("not_found", "This domain does not exist.");
    const rows = await tx
      .select({ id: catalogControls.id, controlId: catalogControls.controlId })
      .from(catalogControls)
      .where(eq(catalogControls.domainId, domain.id))
      .orderBy(asc(catalogControls.position));
    if (
      !samePermutation(
        rows.map((r) => r.controlId),
        controlIds,
      )
    )
      return fail("conflict", "The controls changed while you were reordering them. Reload the page and try again.");
    for (const [position, cid] of controlIds.entries()) {
      await tx
        .update(catalogControls)
        .set({ position })
        .where(eq(catalogControls.id, rows.find((r) => r.controlId === cid)!.id));
    }
    await touchVersion(tx, versionId);
    await recordAudit(tx, actor, "catalog.control.reordered", target(versionId), { domainKey, controlIds });
    return ok(null);
  });
}

function samePermutation(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set(b).size === b.length && b.every((x) => a.includes(x));
}
