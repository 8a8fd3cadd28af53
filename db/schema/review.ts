import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { organisations, users } from "./identity";
import { catalogControls } from "./catalog";
import { attestations, evidenceItems } from "./vendor";
import { rolloutRecords } from "./rollouts";

/**
 * The review panel of one attestation lineage: it follows the attestation
 * through every revision. `organisationId` is the vendor's, copied so that
 * scoped queries never need a join to know whose data a panel covers.
 */
export const reviewPanels = pgTable(
  "review_panels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lineageId: uuid("lineage_id").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    dueDate: date("due_date").notNull(),
    assignedBy: uuid("assigned_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("review_panels_lineage_key").on(t.lineageId)],
);

/**
 * One person on one panel. Until they declare that they have no conflict of
 * interest (`conflict` = 'none') they see nothing of the submission; declaring
 * one ('declared') removes them from the panel (`removedAt`).
 */
export const panelMembers = pgTable(
  "panel_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    panelId: uuid("panel_id")
      .notNull()
      .references(() => reviewPanels.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** platform_reviewer or gov_auditor, as the person's role was when assigned. */
    role: text("role").notNull(),
    isLead: boolean("is_lead").notNull().default(false),
    conflict: text("conflict").notNull().default("pending"),
    conflictNote: text("conflict_note").notNull().default(""),
    declaredAt: timestamp("declared_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Kept by the database for the reviewer's queue (/review), which pages from
     * one index however many panels a reviewer has sat on: the panel's due date
     * (copied when the member is added; it never changes), and whether the
     * lineage's review is over (its latest submitted revision published or
     * withdrawn). Triggers set both (migration 0015); never written by the
     * application.
     */
    queueDueDate: date("queue_due_date"),
    queueClosed: boolean("queue_closed").notNull().default(false),
  },
  (t) => [
    uniqueIndex("panel_members_key").on(t.panelId, t.userId),
    index("panel_members_user_idx").on(t.userId),
    index("panel_members_queue_idx")
      .on(t.userId, t.queueClosed, t.queueDueDate, t.panelId)
      .where(sql`${t.removedAt} is null`),
    check("panel_members_role_check", sql`${t.role} in ('platform_reviewer', 'gov_auditor')`),
    check("panel_members_conflict_check", sql`${t.conflict} in ('pending', 'none', 'declared')`),
  ],
);

/** One panel member's scores for one attestation revision. */
export const scorecards = pgTable(
  "scorecards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    panelId: uuid("panel_id")
      .notNull()
      .references(() => reviewPanels.id, { onDelete: "cascade" }),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("scorecards_key").on(t.attestationId, t.userId)],
);

/**
 * One score of one scorecard. `version` guards concurrent saves;
 * `carriedFrom` names the revision a score was carried over from when the
 * control did not change; `rescore` marks a control that changed.
 */
export const scores = pgTable(
  "scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scorecardId: uuid("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    controlId: uuid("control_id")
      .notNull()
      .references(() => catalogControls.id, { onDelete: "restrict" }),
    score: integer("score"),
    rationale: text("rationale").notNull().default(""),
    carriedFrom: integer("carried_from"),
    rescore: boolean("rescore").notNull().default(false),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("scores_key").on(t.scorecardId, t.controlId), check("scores_range_check", sql`${t.score} is null or ${t.score} between 0 and 4`)],
);

/** A reviewer's question to the vendor on one control of one revision. */
export const clarifications = pgTable(
  "clarifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    panelId: uuid("panel_id")
      .notNull()
      .references(() => reviewPanels.id, { onDelete: "cascade" }),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    controlId: uuid("control_id")
      .notNull()
      .references(() => catalogControls.id, { onDelete: "restrict" }),
    askedBy: uuid("asked_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status").notNull().default("open"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("clarifications_attestation_idx").on(t.attestationId),
    check("clarifications_status_check", sql`${t.status} in ('open', 'answered', 'resolved')`),
  ],
);

export const clarificationMessages = pgTable(
  "clarification_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clarificationId: uuid("clarification_id")
      .notNull()
      .references(() => clarifications.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    /** 'panel' or 'vendor': which side wrote it. */
    side: text("side").notNull(),
    body: text("body").notNull(),
    /** Evidence the vendor attached with the answer (their vault item, current version at the time). */
    evidenceItemId: uuid("evidence_item_id").references(() => evidenceItems.id, { onDelete: "restrict" }),
    evidenceVersion: integer("evidence_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("clarification_messages_thread_idx").on(t.clarificationId, t.createdAt),
    check("clarification_messages_side_check", sql`${t.side} in ('panel', 'vendor')`),
  ],
);

/** Panel discussion of one control during reconciliation. */
export const reconciliationComments = pgTable(
  "reconciliation_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    controlId: uuid("control_id")
      .notNull()
      .references(() => catalogControls.id, { onDelete: "restrict" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reconciliation_comments_idx").on(t.attestationId, t.controlId)],
);

/** The score the panel agreed for one control of one revision, recorded by the lead. */
export const consensusScores = pgTable(
  "consensus_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    controlId: uuid("control_id")
      .notNull()
      .references(() => catalogControls.id, { onDelete: "restrict" }),
    score: integer("score").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("consensus_scores_key").on(t.attestationId, t.controlId), check("consensus_scores_range_check", sql`${t.score} between 0 and 4`)],
);

/** The panel's reading of a critical machine finding of a linked rollout record. */
export const findingDispositions = pgTable(
  "finding_dispositions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    rolloutRecordId: uuid("rollout_record_id")
      .notNull()
      .references(() => rolloutRecords.id, { onDelete: "restrict" }),
    /** The finding's code and position, as the analysis names it. */
    findingKey: text("finding_key").notNull(),
    note: text("note").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("finding_dispositions_key").on(t.attestationId, t.rolloutRecordId, t.findingKey)],
);

/**
 * The panel's decision on one revision: signed by the lead, co-signed by a
 * government auditor of the panel. Two different people: the database refuses
 * a co-signature by the signer.
 */
export const reviewDecisions = pgTable(
  "review_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attestationId: uuid("attestation_id")
      .notNull()
      .references(() => attestations.id, { onDelete: "restrict" }),
    panelId: uuid("panel_id")
      .notNull()
      .references(() => reviewPanels.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    result: text("result").notNull(),
    overall: numeric("overall", { precision: 4, scale: 2 }).notNull(),
    summary: text("summary").notNull(),
    /** The outcome as computed when signed: domain means and the reasons for the result. */
    outcome: text("outcome").notNull(),
    signedBy: uuid("signed_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
    cosignedBy: uuid("cosigned_by").references(() => users.id, { onDelete: "restrict" }),
    cosignedAt: timestamp("cosigned_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("review_decisions_key").on(t.attestationId),
    check("review_decisions_result_check", sql`${t.result} in ('meets', 'meets_with_conditions', 'does_not_meet')`),
    check("review_decisions_two_people", sql`${t.cosignedBy} is null or ${t.cosignedBy} <> ${t.signedBy}`),
    check("review_decisions_cosign_pair", sql`(${t.cosignedBy} is null) = (${t.cosignedAt} is null)`),
  ],
);

/** A condition of a "meets with conditions" decision: the plan of action and milestones. */
export const remediationItems = pgTable(
  "remediation_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => reviewDecisions.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    controlId: uuid("control_id")
      .notNull()
      .references(() => catalogControls.id, { onDelete: "restrict" }),
    action: text("action").notNull(),
    dueDate: date("due_date").notNull(),
    status: text("status").notNull().default("open"),
    vendorNote: text("vendor_note").notNull().default(""),
    evidenceItemId: uuid("evidence_item_id").references(() => evidenceItems.id, { onDelete: "restrict" }),
    evidenceVersion: integer("evidence_version"),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewNote: text("review_note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * The dashboard's filter columns of the item's current published report (null while its
     * decision has none, or once that report is superseded): kept by triggers (migration 0016),
     * never written by the application. The dashboard lists the most overdue items from an index on them.
     */
    reportFrameworkVersionId: uuid("report_framework_version_id"),
    reportPeriod: text("report_period"),
    reportResult: text("report_result"),
  },
  (t) => [
    index("remediation_items_org_idx").on(t.organisationId),
    index("remediation_items_report_due_idx")
      .on(t.reportFrameworkVersionId, t.reportPeriod, t.dueDate)
      .where(sql`${t.status} = 'open' and ${t.reportFrameworkVersionId} is not null`),
    index("remediation_items_report_all_due_idx")
      .on(t.reportFrameworkVersionId, t.dueDate)
      .where(sql`${t.status} = 'open' and ${t.reportFrameworkVersionId} is not null`),
    // A decision's items (the report page, the vendor's workspace); open ones by due date (the dashboard's overdue figures).
    index("remediation_items_decision_idx").on(t.decisionId),
    index("remediation_items_open_due_idx")
      .on(t.dueDate, t.decisionId)
      .where(sql`${t.status} = 'open'`),
    check("remediation_items_status_check", sql`${t.status} in ('open', 'closed', 'accepted')`),
  ],
);

export type ReviewPanel = typeof reviewPanels.$inferSelect;
export type PanelMember = typeof panelMembers.$inferSelect;
