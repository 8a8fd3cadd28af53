import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Who did what, written in the same transaction as the change it records.
 * A later issue chains these rows with hashes to make the trail tamper-evident;
 * the columns here are what that chain will cover.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorOrganisationId: uuid("actor_organisation_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_events_target_idx").on(t.targetType, t.targetId), index("audit_events_at_idx").on(t.at)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
