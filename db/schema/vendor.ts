import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./identity";
import { catalogControls, frameworkVersions } from "./catalog";

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
export const attestationStatus = pgEnum("attestation_status", ["draft", "submitted", "changes_requested", "withdrawn"]);

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
    status: attestationStatus("status").notNull().default("draft"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("attestations_revision_key").on(t.lineageId, t.revision), index("attestations_org_idx").on(t.organisationId)],
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

/** An item in a vendor's evidence vault: a file, a URL, or one of its rollout records. */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** The date the evidence describes, separate from when it was uploaded. */
    evidenceDate: date("evidence_date"),
    validUntil: date("valid_until"),
    classification: evidenceClassification("classification").notNull().default("reviewers_only"),
    url: text("url"),
    blobSha256: text("blob_sha256").references(() => blobs.sha256, { onDelete: "restrict" }),
    fileName: text("file_name"),
    rolloutRecordId: uuid("rollout_record_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_items_org_idx").on(t.organisationId), index("evidence_items_blob_idx").on(t.organisationId, t.blobSha256)],
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
