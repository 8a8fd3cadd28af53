import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The transparency log (lib/transparency). One row per state change, appended in
 * the transaction that makes the change, with a gapless sequence number that is
 * also the event's leaf index in an RFC 9162 Merkle tree.
 *
 * `body` holds the RFC 8785 canonical bytes of the event exactly as hashed;
 * `leaf_hash` = SHA-256(0x00 ‖ body), lower-case hex. The other columns repeat
 * what the body says so the log can be filtered; the verifier checks they agree.
 * People appear by id only, never by name or e-mail. Rows cannot be updated,
 * deleted or truncated: a trigger refuses it and the application's database
 * role has no such privilege (migration 0009).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorOrganisationId: uuid("actor_organisation_id"),
    actorRole: text("actor_role"),
    clientAddress: text("client_address"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    body: text("body").notNull(),
    leafHash: text("leaf_hash").notNull(),
  },
  (t) => [
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.seq),
    index("audit_events_at_idx").on(t.at),
    index("audit_events_actor_idx").on(t.actorUserId, t.seq),
    index("audit_events_org_idx").on(t.actorOrganisationId, t.seq),
    index("audit_events_action_idx").on(t.action, t.seq),
  ],
);

/** The next sequence number. One row; taking it locks it until the appending transaction ends. */
export const logState = pgTable(
  "log_state",
  {
    id: integer("id").primaryKey(),
    nextSeq: bigint("next_seq", { mode: "number" }).notNull(),
  },
  (t) => [check("log_state_one_row", sql`${t.id} = 1`)],
);

/**
 * Signed tree heads (C2SP tlog-checkpoint as a C2SP signed-note). Each carries
 * the RFC 9162 consistency proof from the previous checkpoint. Immutable.
 */
export const logCheckpoints = pgTable("log_checkpoints", {
  treeSize: bigint("tree_size", { mode: "number" }).primaryKey(),
  rootHash: text("root_hash").notNull(),
  note: text("note").notNull(),
  keyName: text("key_name").notNull(),
  previousSize: bigint("previous_size", { mode: "number" }),
  /** Hex node hashes proving this tree extends the previous checkpoint's. */
  consistencyProof: text("consistency_proof").array().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Fixed-window request counters for rate limits other than sign-in (lib/http/rate-limit.ts). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

export type AuditEvent = typeof auditEvents.$inferSelect;
export type LogCheckpoint = typeof logCheckpoints.$inferSelect;

/**
 * Periodic work shared by every server instance (lib/server/periodic.ts): one row per job, claimed
 * for each period by whichever instance moves `next_run_at` first, so each period's run happens once.
 */
export const periodicJobs = pgTable("periodic_jobs", {
  name: text("name").primaryKey(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }),
  lastInstance: text("last_instance"),
  runs: integer("runs").notNull().default(0),
});
