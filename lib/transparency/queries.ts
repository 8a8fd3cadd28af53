import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, organisations, users } from "@/db/schema";
import { AUDIT_PAGE_SIZE, type AuditFilter } from "@/lib/validations/audit";

export type EventRow = {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganisationId: string | null;
  organisationName: string | null;
  actorRole: string | null;
  clientAddress: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  leafHash: string;
};

/**
 * Events newest first, 50 at a time, filtered as asked (`before` pages back by
 * sequence number). Names come from the people and organisation tables at
 * reading time: the log itself holds ids only.
 */
export async function listEvents(
  db: DbOrTx,
  f: AuditFilter,
  opts: { oldestFirst?: boolean; limit?: number } = {},
): Promise<{ rows: EventRow[]; olderBefore: number | null }> {
  const limit = opts.limit ?? AUDIT_PAGE_SIZE;
  const where: (SQL | undefined)[] = [
    f.actor ? eq(auditEvents.actorUserId, f.actor) : undefined,
    f.org ? eq(auditEvents.actorOrganisationId, f.org) : undefined,
    f.action ? (f.action.endsWith(".") ? like(auditEvents.action, `${f.action}%`) : eq(auditEvents.action, f.action)) : undefined,
    f.objectType ? eq(auditEvents.targetType, f.objectType) : undefined,
    f.objectId ? eq(auditEvents.targetId, f.objectId) : undefined,
    f.from ? gte(auditEvents.at, new Date(`${f.from}T00:00:00Z`)) : undefined,
    // The end of the day named, computed by PostgreSQL: the day after 9999-12-31 is a year 10000 in JavaScript, which PostgreSQL cannot read.
    f.to ? sql`${auditEvents.at} < (${f.to}::date + 1)::timestamp at time zone 'UTC'` : undefined,
    f.client ? eq(auditEvents.clientAddress, f.client) : undefined,
    f.after !== undefined ? gt(auditEvents.seq, f.after) : undefined,
    f.before !== undefined ? lt(auditEvents.seq, f.before) : undefined,
  ];
  const rows = await db
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorUserId: auditEvents.actorUserId,
      actorOrganisationId: auditEvents.actorOrganisationId,
      actorRole: auditEvents.actorRole,
      clientAddress: auditEvents.clientAddress,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      leafHash: auditEvents.leafHash,
    })
    .from(auditEvents)
    .where(and(...where))
    .orderBy(opts.oldestFirst ? asc(auditEvents.seq) : desc(auditEvents.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: await withNames(db, page), olderBefore: !opts.oldestFirst && rows.length > limit ? Number(page[page.length - 1]!.seq) : null };
}

/** One object's history, oldest first (at most the latest 200 events). */
export async function objectHistory(db: DbOrTx, type: string, id: string): Promise<EventRow[]> {
  const rows = await db
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorUserId: auditEvents.actorUserId,
      actorOrganisationId: auditEvents.actorOrganisationId,
      actorRole: auditEvents.actorRole,
      clientAddress: auditEvents.clientAddress,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      leafHash: auditEvents.leafHash,
    })
    .from(auditEvents)
    .where(
      type === "report"
        ? // A report's own events, and its publication (recorded on the attestation it reports on).
          or(
            and(eq(auditEvents.targetType, "report"), eq(auditEvents.targetId, id)),
            and(eq(auditEvents.action, "report.published"), sql`${auditEvents.details}->>'reportId' = ${id}`),
          )
        : and(eq(auditEvents.targetType, type), eq(auditEvents.targetId, id)),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(200);
  return (await withNames(db, rows)).reverse();
}

async function withNames(db: DbOrTx, rows: Omit<EventRow, "actorName" | "organisationName">[]): Promise<EventRow[]> {
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((x): x is string => Boolean(x)))];
  const orgIds = [...new Set(rows.map((r) => r.actorOrganisationId).filter((x): x is string => Boolean(x)))];
  const people = userIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [];
  const orgs = orgIds.length
    ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds))
    : [];
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    ...r,
    seq: Number(r.seq),
    actorName: r.actorUserId ? (personName.get(r.actorUserId) ?? null) : null,
    organisationName: r.actorOrganisationId ? (orgName.get(r.actorOrganisationId) ?? null) : null,
  }));
}
