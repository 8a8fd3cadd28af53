import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, integer, boolean } from "drizzle-orm/pg-core";
import { organisations, users } from "./identity";
import { frameworkVersions } from "./catalog";
import { products } from "./vendor";

export const rolloutSource = pgEnum("rollout_source", ["form", "upload", "api"]);

/** Per-organisation API tokens for the vendor's pipeline. Only a hash is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    /** Shown in lists so people can tell tokens apart, e.g. "rf_3kq9". */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** After this the token is refused; every token has one. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_org_idx").on(t.organisationId)],
);

/** How one release of one product was really shipped, as entered, with its analysis. */
export const rolloutRecords = pgTable(
  "rollout_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    releaseId: text("release_id").notNull(),
    version: text("version").notNull(),
    channel: text("channel", { enum: ["code", "content"] }).notNull(),
    kernelMode: boolean("kernel_mode").notNull(),
    releasedAt: timestamp("released_at", { withTimezone: true }).notNull(),
    /** The validated record with times normalised to UTC (lib/rollouts/record-schema.ts). */
    record: jsonb("record").$type<Record<string, unknown>>().notNull(),
    /** The framework version whose thresholds the analysis used. */
    frameworkVersionId: uuid("framework_version_id").references(() => frameworkVersions.id, { onDelete: "set null" }),
    analysis: jsonb("analysis").$type<Record<string, unknown>>(),
    worstSeverity: text("worst_severity", { enum: ["critical", "major", "minor", "info"] }),
    source: rolloutSource("source").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    apiTokenId: uuid("api_token_id").references(() => apiTokens.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** "open" while a pipeline is still appending to it (ring starts, gates, promotions, halts); "closed" once complete. */
    state: text("state", { enum: ["open", "closed"] })
      .notNull()
      .default("closed"),
    /** Version of lib/rollouts/analysis that produced `analysis` (ANALYSER_VERSION). */
    analyserVersion: text("analyser_version"),
    /** Number of appends applied since the record was opened (0 for a record stored whole). */
    appendCount: integer("append_count").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("rollout_records_release_key").on(t.productId, t.releaseId), index("rollout_records_org_idx").on(t.organisationId, t.releasedAt)],
);

/**
 * Every analysis a record has had, oldest first. The record's own `analysis`
 * column is the current one; earlier rows stay, so a reviewer can see what a
 * catalog or analyser change altered, and why.
 */
export const rolloutAnalyses = pgTable(
  "rollout_analyses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    rolloutRecordId: uuid("rollout_record_id")
      .notNull()
      .references(() => rolloutRecords.id, { onDelete: "cascade" }),
    analyserVersion: text("analyser_version").notNull(),
    frameworkVersionId: uuid("framework_version_id").references(() => frameworkVersions.id, { onDelete: "set null" }),
    analysis: jsonb("analysis").$type<Record<string, unknown>>().notNull(),
    worstSeverity: text("worst_severity", { enum: ["critical", "major", "minor", "info"] }),
    /** Why this analysis was made: the record was stored, appended to, or re-analysed. */
    reason: text("reason", { enum: ["created", "appended", "reanalysed"] }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rollout_analyses_record_idx").on(t.rolloutRecordId, t.createdAt)],
);

/** Remembered API responses so a retried pipeline call with the same Idempotency-Key creates nothing new. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status").notNull(),
    responseBody: jsonb("response_body").$type<unknown>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("idempotency_keys_key").on(t.organisationId, t.key), index("idempotency_keys_created").on(t.createdAt)],
);

export type RolloutRecordRow = typeof rolloutRecords.$inferSelect;
export type RolloutAnalysisRow = typeof rolloutAnalyses.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
