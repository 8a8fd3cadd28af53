import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AnswerRequirements } from "@/lib/catalog/answer-requirements";
import type { Mapping, RolloutThresholds } from "@/lib/catalog/schema";
import { users } from "./identity";

export const frameworkStatus = pgEnum("framework_status", ["draft", "published", "retired"]);

/** A family of versions, e.g. "Safe Deployment Principles". */
export const frameworks = pgTable(
  "frameworks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("frameworks_slug_key").on(t.slug)],
);

/**
 * One version of a framework. Once published it is immutable (database
 * triggers refuse changes to it and its domains and controls); it may only be
 * retired. Changing it means a new draft made from it.
 */
export const frameworkVersions = pgTable(
  "framework_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "restrict" }),
    version: text("version").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    publisher: text("publisher").notNull(),
    status: frameworkStatus("status").notNull().default("draft"),
    thresholds: jsonb("thresholds").$type<RolloutThresholds | null>(),
    /** Which answer fields each implementation status requires (lib/catalog/answer-requirements.ts); frozen with the version like its controls. */
    answerRequirements: jsonb("answer_requirements").$type<AnswerRequirements>().notNull(),
    basedOnVersionId: uuid("based_on_version_id"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("framework_versions_key").on(t.frameworkId, t.version), index("framework_versions_status_idx").on(t.status)],
);

export const catalogDomains = pgTable(
  "catalog_domains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("catalog_domains_key").on(t.versionId, t.key)],
);

/** A control of one framework version. `controlId` (e.g. SDP-ROL-03) is stable across versions. */
export const catalogControls = pgTable(
  "catalog_controls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "cascade" }),
    domainId: uuid("domain_id")
      .notNull()
      .references(() => catalogDomains.id, { onDelete: "cascade" }),
    controlId: text("control_id").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    statement: text("statement").notNull(),
    vendorGuidance: text("vendor_guidance").notNull().default(""),
    reviewerGuidance: text("reviewer_guidance").notNull().default(""),
    /** "code" and/or "content". */
    channels: text("channels").array().notNull(),
    kernelOnly: boolean("kernel_only").notNull().default(false),
    weight: integer("weight").notNull().default(1),
    must: boolean("must").notNull().default(false),
    evidenceKinds: text("evidence_kinds").array().notNull(),
    /** Five descriptors, index = maturity level 0..4; empty strings while a draft is being written. */
    rubric: jsonb("rubric").$type<string[]>().notNull(),
    mappings: jsonb("mappings").$type<Mapping[]>().notNull().default([]),
  },
  (t) => [uniqueIndex("catalog_controls_key").on(t.versionId, t.controlId), index("catalog_controls_domain_idx").on(t.domainId)],
);

export type FrameworkVersion = typeof frameworkVersions.$inferSelect;
export type CatalogDomain = typeof catalogDomains.$inferSelect;
export type CatalogControl = typeof catalogControls.$inferSelect;
