import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  attestations,
  attestationSubmissions,
  catalogControls,
  clarificationMessages,
  clarifications,
  evidenceItems,
  frameworkVersions,
  products,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/ids";
import { attestationInScope, scopeOf } from "./access";
import type { ClarificationMessageView, ClarificationSide, ClarificationStatus, ClarificationThreadView } from "./clarification-types";
import type { State } from "./transitions";

type Who = Pick<Actor, "role" | "organisationId" | "userId">;

export type ClarificationSubject = {
  id: string;
  revision: number;
  status: State;
  productName: string;
  frameworkTitle: string;
  frameworkVersion: string;
  /** The submitted controls in catalog order, as signed; empty before submission. */
  controls: { id: string; ref: string; title: string }[];
};

/**
 * The attestation a page of questions is about, if the actor may see it: the
 * vendor its own, a reviewer one whose panel they sit on having declared no
 * conflict. Null for everyone else and for unknown or malformed ids.
 */
export async function getClarificationSubject(db: DbOrTx, actor: Who, attestationId: string): Promise<ClarificationSubject | null> {
  if (!isUuid(attestationId)) return null;
  const controls = sql<{ id: string; ref: string; title: string }[] | null>`(
    select jsonb_agg(jsonb_build_object('id', c->>'id', 'ref', c->>'controlId', 'title', c->>'title') order by n)
    from jsonb_array_elements(${attestationSubmissions.snapshot}->'controls') with ordinality as t(c, n))`;
  const [row] = await db
    .select({
      id: attestations.id,
      revision: attestations.revision,
      status: attestations.status,
      productName: products.name,
      frameworkTitle: frameworkVersions.title,
      frameworkVersion: frameworkVersions.version,
      controls,
    })
    .from(attestations)
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
    .leftJoin(attestationSubmissions, eq(attestationSubmissions.attestationId, attestations.id))
    .where(and(eq(attestations.id, attestationId), attestationInScope(db, scopeOf(actor))));
  if (!row) return null;
  return { ...row, controls: row.controls ?? [] };
}

/**
 * Every question on one attestation (or one control of it) that the actor may
 * read, oldest first, each with its messages oldest first. The scope is in
 * both queries' where-clauses: anyone else gets an empty list.
 */
export async function listClarifications(
  db: DbOrTx,
  actor: Who,
  attestationId: string,
  filter: { controlId?: string } = {},
): Promise<ClarificationThreadView[]> {
  if (!isUuid(attestationId) || (filter.controlId !== undefined && !isUuid(filter.controlId))) return [];
  const where = and(
    eq(clarifications.attestationId, attestationId),
    filter.controlId ? eq(clarifications.controlId, filter.controlId) : undefined,
    attestationInScope(db, scopeOf(actor)),
  );
  const threads = await db
    .select({
      id: clarifications.id,
      attestationId: clarifications.attestationId,
      controlId: clarifications.controlId,
      controlRef: catalogControls.controlId,
      controlTitle: catalogControls.title,
      status: clarifications.status,
      createdAt: clarifications.createdAt,
      resolvedAt: clarifications.resolvedAt,
      resolvedByName: users.name,
    })
    .from(clarifications)
    .innerJoin(attestations, eq(attestations.id, clarifications.attestationId))
    .innerJoin(catalogControls, eq(catalogControls.id, clarifications.controlId))
    .leftJoin(users, eq(users.id, clarifications.resolvedBy))
    .where(where)
    .orderBy(asc(clarifications.createdAt), asc(clarifications.id));
  if (!threads.length) return [];
  const messages = await db
    .select({
      id: clarificationMessages.id,
      clarificationId: clarificationMessages.clarificationId,
      side: clarificationMessages.side,
      authorName: clarificationMessages.authorName,
      body: clarificationMessages.body,
      createdAt: clarificationMessages.createdAt,
      evidenceId: clarificationMessages.evidenceItemId,
      evidenceVersion: clarificationMessages.evidenceVersion,
      evidenceTitle: evidenceItems.title,
    })
    .from(clarificationMessages)
    .innerJoin(clarifications, eq(clarifications.id, clarificationMessages.clarificationId))
    .innerJoin(attestations, eq(attestations.id, clarifications.attestationId))
    // Only the vendor's own vault: an attachment always belongs to the organisation the question is about.
    .leftJoin(evidenceItems, and(eq(evidenceItems.id, clarificationMessages.evidenceItemId), eq(evidenceItems.organisationId, clarifications.organisationId)))
    .where(
      and(
        where,
        inArray(
          clarificationMessages.clarificationId,
          threads.map((t) => t.id),
        ),
      ),
    )
    .orderBy(asc(clarificationMessages.createdAt), asc(clarificationMessages.id));
  const byThread = new Map<string, ClarificationMessageView[]>();
  for (const m of messages) {
    const list = byThread.get(m.clarificationId) ?? [];
    list.push({
      id: m.id,
      side: m.side as ClarificationSide,
      authorName: m.authorName,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      evidence: m.evidenceId && m.evidenceTitle !== null ? { id: m.evidenceId, title: m.evidenceTitle, version: m.evidenceVersion ?? 0 } : null,
    });
    byThread.set(m.clarificationId, list);
  }
  return threads.map((t) => ({
    ...t,
    status: t.status as ClarificationStatus,
    createdAt: t.createdAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    messages: byThread.get(t.id) ?? [],
  }));
}

/** Questions waiting for the vendor's answer on one attestation, counted within the actor's scope. */
export async function countOpenClarifications(db: DbOrTx, actor: Who, attestationId: string): Promise<number> {
  if (!isUuid(attestationId)) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(clarifications)
    .innerJoin(attestations, eq(attestations.id, clarifications.attestationId))
    .where(and(eq(clarifications.attestationId, attestationId), eq(clarifications.status, "open"), attestationInScope(db, scopeOf(actor))));
  return row?.n ?? 0;
}
