import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./identity";
import { catalogControls, frameworkVersions } from "./catalog";
import { rolloutRecords } from "./rollouts";

/** A vendor's product. Every vendor table carries organisation_id: tenancy is filtered in each query. */
export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    platforms: text("platforms").array().notNull(),
    kernelMode: boolean("kernel_mode").notNull(),
    /** [{ channel: "code" | "content", cadence: "daily" | "weekly" | ... }] */
    channels: jsonb("channels").$type<{ channel: "code" | "content"; cadence: string }[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("products_name_key").on(t.organisationId, sql`lower(${t.name})`)],
);

export const attestationKind = pgEnum("attestation_kind", ["new", "revised", "remediation"]);
/** The attestation's life; the transitions between them are lib/review/transitions.ts. */
export const ATTESTATION_STATUSES = ["draft", "submitted", "in_review", "changes_requested", "reconciliation", "decided", "published", "withdrawn"] as const;
export type AttestationStatus = (typeof ATTESTATION_STATUSES)[number];

/**
 * One attestation revision for one product, framework version and period.
 * Revision n+1 is created from revision n's snapshot when reviewers request
 * changes; all revisions of one attestation share `lineageId`.
 */
export const attestations = pgTable(
  "attestations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lineageId: uuid("lineage_id").notNull(),
    revision: integer("revision").notNull().default(1),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    frameworkVersionId: uuid("framework_version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "restrict" }),
    kind: attestationKind("kind").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    status: text("status").$type<AttestationStatus>().notNull().default("draft"),
    /** Bumped by every state transition: two transitions from the same state cannot both win. */
    stateVersion: integer("state_version").notNull().default(1),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
    withdrawnByName: text("withdrawn_by_name"),
    withdrawnReason: text("withdrawn_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("attestations_revision_key").on(t.lineageId, t.revision),
    index("attestations_org_idx").on(t.organisationId),
    check("attestations_status_check", sql.raw(`status in (${ATTESTATION_STATUSES.map((s) => `'${s}'`).join(", ")})`)),
  ],
);

export const implementationStatus = pgEnum("implementation_status", ["implemented", "partial", "planned", "not_applicable"]);

/** The vendor's answer for one control. `version` guards against silent overwrites (optimistic concurrency). */
export const attestationAnswers = pgTable(
  "attestation_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "cascade" }),
    controlId: uuid("control_id")
      .notNull()
      .references(() => catalogControls.id, { onDelete: "restrict" }),
    status: implementationStatus("status"),
    narrative: text("narrative").notNull().default(""),
    maturity: integer("maturity"),
    justification: text("justification").notNull().default(""),
    targetDate: date("target_date"),
    plan: text("plan").notNull().default(""),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("attestation_answers_key").on(t.attestationId, t.controlId)],
);

/** The signed, frozen submission of one attestation revision. Never updated or deleted. */
export const attestationSubmissions = pgTable(
  "attestation_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the RFC 8785 canonical JSON of the snapshot (which includes every evidence file's hash). */
    digest: text("digest").notNull(),
    signerUserId: uuid("signer_user_id").references(() => users.id, { onDelete: "set null" }),
    signerName: text("signer_name").notNull(),
    signerTitle: text("signer_title").notNull(),
    statementVersion: text("statement_version").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("attestation_submissions_key").on(t.attestationId)],
);

/** Stored file content, addressed by SHA-256. Identical content is stored once. */
export const blobs = pgTable("blobs", {
  sha256: text("sha256").primaryKey(),
  size: bigint("size", { mode: "number" }).notNull(),
  mime: text("mime").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const evidenceClassification = pgEnum("evidence_classification", ["reviewers_only", "publishable"]);

export const evidenceStatus = pgEnum("evidence_status", ["active", "retired"]);

/** An item in a vendor's evidence vault: a file, a URL, or one of its rollout records. */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** One of EVIDENCE_KINDS (lib/catalog/schema.ts); the database refuses anything else. */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** The date the evidence describes, separate from when it was uploaded. */
    evidenceDate: date("evidence_date"),
    validUntil: date("valid_until"),
    classification: evidenceClassification("classification").notNull().default("reviewers_only"),
    url: text("url"),
    /** The current version's file (also in evidence_versions, which keeps every version). */
    blobSha256: text("blob_sha256").references(() => blobs.sha256, { onDelete: "restrict" }),
    fileName: text("file_name"),
    /** Number of the current file version; 0 for links and rollout records. */
    currentVersion: integer("current_version").notNull().default(0),
    rolloutRecordId: uuid("rollout_record_id").references(() => rolloutRecords.id, { onDelete: "restrict" }),
    status: evidenceStatus("status").notNull().default("active"),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    retiredBy: uuid("retired_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("evidence_items_org_idx").on(t.organisationId, t.createdAt),
    index("evidence_items_blob_idx").on(t.organisationId, t.blobSha256),
    uniqueIndex("evidence_items_rollout_key").on(t.organisationId, t.rolloutRecordId),
    check(
      "evidence_items_kind_check",
      sql`${t.kind} in ('document', 'test_report', 'rollout_record', 'telemetry_export', 'third_party_assessment', 'attestation_letter', 'url')`,
    ),
    // Exactly one source, and a kind that fits it: a file is never "url" or "rollout_record".
    check(
      "evidence_items_source_check",
      sql`num_nonnulls(${t.url}, ${t.blobSha256}, ${t.rolloutRecordId}) = 1
        and (${t.kind} <> 'url' or ${t.url} is not null)
        and ((${t.kind} = 'rollout_record') = (${t.rolloutRecordId} is not null))
        and (${t.blobSha256} is null or (${t.kind} not in ('url', 'rollout_record') and ${t.fileName} is not null and ${t.currentVersion} >= 1))`,
    ),
    check("evidence_items_retired_check", sql`(${t.status} = 'retired') = (${t.retiredAt} is not null)`),
  ],
);

/**
 * Every file version of an evidence item. Submissions record the hash of the
 * version they signed, so replacing a file never changes what was signed.
 */
export const evidenceVersions = pgTable(
  "evidence_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidenceItems.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    blobSha256: text("blob_sha256")
      .notNull()
      .references(() => blobs.sha256, { onDelete: "restrict" }),
    fileName: text("file_name").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("evidence_versions_key").on(t.evidenceId, t.version),
    index("evidence_versions_blob_idx").on(t.blobSha256),
    check("evidence_versions_version_check", sql`${t.version} >= 1`),
  ],
);

/** Evidence supporting one control of one attestation revision. */
export const evidenceLinks = pgTable(
  "evidence_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidenceItems.id, { onDelete: "restrict" }),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "cascade" }),
    controlId: uuid("control_id")
      .notNull()
      .references(() => catalogControls.id, { onDelete: "restrict" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("evidence_links_key").on(t.evidenceId, t.attestationId, t.controlId), index("evidence_links_attestation_idx").on(t.attestationId)],
);

export type Product = typeof products.$inferSelect;
export type Attestation = typeof attestations.$inferSelect;
export type AttestationAnswer = typeof attestationAnswers.$inferSelect;
export type EvidenceItem = typeof evidenceItems.$inferSelect;
export type EvidenceVersion = typeof evidenceVersions.$inferSelect;
