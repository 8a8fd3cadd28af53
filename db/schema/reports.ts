import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ReportDocument } from "@/lib/reports/document";
import { organisations, users } from "./identity";
import { frameworkVersions } from "./catalog";
import { attestations, products } from "./vendor";

/**
 * What the vendor officer adds before the lead publishes: a short public
 * response and whether a public summary may be shown. One row per decided
 * revision; editable until the report is published.
 */
export const reportPreparations = pgTable("report_preparations", {
  attestationId: uuid("attestation_id")
    .primaryKey()
    .references(() => attestations.id, { onDelete: "restrict" }),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "restrict" }),
  vendorResponse: text("vendor_response").notNull().default(""),
  publicSummary: boolean("public_summary").notNull().default(false),
  /** When the officer said the preview may be published; the lead may also publish once the preview window has passed. */
  readyAt: timestamp("ready_at", { withTimezone: true }),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A published report, frozen: the database refuses any change except marking
 * it superseded (once), and refuses deletion. The two document tiers are
 * separate columns so a query for an observer never loads the full tier.
 */
export const publishedReports = pgTable(
  "published_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    lineageId: uuid("lineage_id").notNull(),
    revision: integer("revision").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    vendorName: text("vendor_name").notNull(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    productName: text("product_name").notNull(),
    frameworkVersionId: uuid("framework_version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "restrict" }),
    frameworkLabel: text("framework_label").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    result: text("result").notNull(),
    overall: numeric("overall", { precision: 4, scale: 2 }).notNull(),
    /** [{ key, title, score }] in catalog order: public (it is in the public summary). */
    domainScores: jsonb("domain_scores").$type<{ key: string; title: string; score: number }[]>().notNull(),
    /** Releases covered by linked rollout records, and how many of them started with a canary ring. */
    releases: integer("releases").notNull(),
    canaryStaged: integer("canary_staged").notNull(),
    /** The same for content updates only: the dashboard's "content updates staged with a canary". */
    contentReleases: integer("content_releases").notNull(),
    contentCanaryStaged: integer("content_canary_staged").notNull(),
    submissionDigest: text("submission_digest").notNull(),
    fullDocument: jsonb("full_document").$type<ReportDocument>().notNull(),
    observerDocument: jsonb("observer_document").$type<ReportDocument>().notNull(),
    /** SHA-256 of the RFC 8785 canonical JSON of each tier's document. */
    fullDigest: text("full_digest").notNull(),
    observerDigest: text("observer_digest").notNull(),
    /** The vendor opted to show a public summary to people who are not signed in. */
    publicSummary: boolean("public_summary").notNull(),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    supersededBy: uuid("superseded_by"),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("published_reports_attestation_key").on(t.attestationId),
    index("published_reports_dashboard_idx").on(t.frameworkVersionId, t.periodStart, t.periodEnd),
    // The dashboard (see docs/performance.md): the heatmap's order, and the figures read from the index alone.
    index("published_reports_heatmap_idx")
      .on(t.frameworkVersionId, t.vendorName, t.productName, t.periodStart, t.id)
      .where(sql`${t.supersededBy} is null`),
    index("published_reports_figures_idx")
      .on(t.frameworkVersionId, t.periodStart, t.periodEnd, t.result, t.organisationId, t.overall, t.contentReleases, t.contentCanaryStaged)
      .where(sql`${t.supersededBy} is null`),
    index("published_reports_choices_idx").on(t.frameworkVersionId, t.frameworkLabel, t.publishedAt),
    index("published_reports_org_idx").on(t.organisationId),
    // A report's revisions (the report page, the attestation workspace, superseding on publish).
    index("published_reports_lineage_idx").on(t.lineageId, t.revision),
    // The dashboard's vendor filter, read from the index alone.
    index("published_reports_vendors_idx")
      .on(t.frameworkVersionId, t.vendorName, t.organisationId)
      .where(sql`${t.supersededBy} is null`),
    check("published_reports_result_check", sql`${t.result} in ('meets', 'meets_with_conditions', 'does_not_meet')`),
    check("published_reports_superseded_pair", sql`(${t.supersededBy} is null) = (${t.supersededAt} is null)`),
    check("published_reports_canary_check", sql`${t.canaryStaged} between 0 and ${t.releases} and ${t.contentCanaryStaged} between 0 and ${t.contentReleases}`),
  ],
);

/** One consensus score of a published report: the rows of the CSV and JSON exports. Frozen with the report. */
export const reportScores = pgTable(
  "report_scores",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => publishedReports.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
    controlId: text("control_id").notNull(),
    controlTitle: text("control_title").notNull(),
    domain: text("domain").notNull(),
    weight: integer("weight").notNull(),
    must: boolean("must").notNull(),
    score: integer("score").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.position] }), check("report_scores_range_check", sql`${t.score} between 0 and 4`)],
);

export type PublishedReport = typeof publishedReports.$inferSelect;

/**
 * The ecosystem dashboard's figures (/reports), kept by the database as reports are published and
 * superseded (triggers, migration 0016), so the dashboard reads a handful of rows however many
 * reports there are. One row per framework version, period ("start_end", or "" for all periods)
 * and result ("" for all results), counting current (not superseded) reports only.
 */
export const reportFigures = pgTable(
  "report_figures",
  {
    frameworkVersionId: uuid("framework_version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    result: text("result").notNull(),
    reports: integer("reports").notNull().default(0),
    overallSum: numeric("overall_sum").notNull().default("0"),
    contentReleases: integer("content_releases").notNull().default(0),
    contentCanaryStaged: integer("content_canary_staged").notNull().default(0),
    /** Vendors with a report covering content updates, and with one whose every content update started with a canary ring. */
    contentVendors: integer("content_vendors").notNull().default(0),
    stagedVendors: integer("staged_vendors").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.frameworkVersionId, t.period, t.result] })],
);

/** Per vendor, within one row of report_figures: how many of its reports cover content updates, and how many staged them all; turns report counts into vendor counts. */
export const reportVendorFigures = pgTable(
  "report_vendor_figures",
  {
    frameworkVersionId: uuid("framework_version_id").notNull(),
    period: text("period").notNull(),
    result: text("result").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    contentReports: integer("content_reports").notNull().default(0),
    stagedReports: integer("staged_reports").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.frameworkVersionId, t.period, t.result, t.organisationId] })],
);

/** Open remediation items of current reports by due date: the dashboard's overdue count is the sum of the days before today. */
export const reportOpenItemDays = pgTable(
  "report_open_item_days",
  {
    frameworkVersionId: uuid("framework_version_id").notNull(),
    period: text("period").notNull(),
    result: text("result").notNull(),
    dueDate: date("due_date").notNull(),
    openItems: integer("open_items").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.frameworkVersionId, t.period, t.result, t.dueDate] })],
);

/** Framework versions with published reports (superseded ones too): the dashboard's version choice, newest publication first. */
export const reportVersions = pgTable("report_versions", {
  frameworkVersionId: uuid("framework_version_id")
    .primaryKey()
    .references(() => frameworkVersions.id, { onDelete: "restrict" }),
  label: text("label").notNull(),
  latestPublishedAt: timestamp("latest_published_at", { withTimezone: true }).notNull(),
});
