/**
 * The life of an attestation revision as one table. Every server-side change
 * of an attestation's state, and every review step that is only allowed in a
 * certain state, is looked up here: which states it starts from, which state
 * it leads to (or none, for steps that change no state), which roles may take
 * it, and how the person must relate to the attestation.
 *
 * Pure: no database, no session. `lib/review/state.ts` applies it to a row
 * under a lock; the exhaustive test walks every state × action × role ×
 * relation.
 */
import type { Role } from "@/lib/auth/roles";
import type { AttestationStatus } from "@/db/schema/vendor";

export const STATES = [
  "draft",
  "submitted",
  "in_review",
  "changes_requested",
  "reconciliation",
  "decided",
  "published",
  "withdrawn",
] as const satisfies readonly AttestationStatus[];
export type State = (typeof STATES)[number];

export const STATE_LABELS: Record<State, string> = {
  draft: "Draft",
  submitted: "Submitted, waiting for a panel",
  in_review: "In review",
  changes_requested: "Changes requested",
  reconciliation: "Reconciliation",
  decided: "Decided",
  published: "Published",
  withdrawn: "Withdrawn",
};

/**
 * How the person stands to this attestation, worked out from the database:
 * - owner: a member of the vendor organisation that owns it;
 * - lead: the panel's lead (a member who declared no conflict);
 * - member: any other panel member who declared no conflict;
 * - invited: on the panel but not yet declared (sees nothing yet);
 * - none: anyone else (administrators act with `none`).
 * A lead is also a member: rules that accept "member" accept the lead.
 */
export type Relation = "owner" | "lead" | "member" | "invited" | "none";
export const RELATIONS: readonly Relation[] = ["owner", "lead", "member", "invited", "none"];

type Rule = {
  from: readonly State[];
  /** The state afterwards; null for steps that leave the state as it is. */
  to: State | null;
  roles: readonly Role[];
  /** Which relations may take it. */
  relations: readonly Relation[];
  label: string;
};

const REVIEWERS = ["platform_reviewer", "gov_auditor"] as const satisfies readonly Role[];
const PANEL = ["lead", "member"] as const satisfies readonly Relation[];

export const TRANSITIONS = {
  submit: { from: ["draft"], to: "submitted", roles: ["vendor_officer"], relations: ["owner"], label: "sign and submit" },
  resubmit: { from: ["draft"], to: "in_review", roles: ["vendor_officer"], relations: ["owner"], label: "submit the revision to its panel" },
  assign_panel: { from: ["submitted"], to: "in_review", roles: ["admin"], relations: ["none"], label: "assign a review panel" },
  withdraw: { from: ["submitted", "in_review"], to: "withdrawn", roles: ["vendor_officer"], relations: ["owner"], label: "withdraw" },
  request_changes: { from: ["in_review"], to: "changes_requested", roles: REVIEWERS, relations: ["lead"], label: "request changes" },
  revise: { from: ["changes_requested", "published"], to: null, roles: ["vendor_officer"], relations: ["owner"], label: "start the requested revision" },
  complete_scoring: { from: ["in_review"], to: "reconciliation", roles: REVIEWERS, relations: PANEL, label: "submit the last scorecard" },
  reopen_scoring: { from: ["reconciliation"], to: "in_review", roles: REVIEWERS, relations: ["lead"], label: "reopen scoring" },
  cosign_decision: { from: ["reconciliation"], to: "decided", roles: ["gov_auditor"], relations: PANEL, label: "co-sign the decision" },
  publish: { from: ["decided"], to: "published", roles: REVIEWERS, relations: ["lead"], label: "publish the report" },
  prepare_report: { from: ["decided"], to: null, roles: ["vendor_officer"], relations: ["owner"], label: "prepare the report's public response" },

  manage_panel: { from: ["in_review"], to: null, roles: ["admin"], relations: ["none"], label: "change the panel" },
  declare_conflict: { from: ["in_review"], to: null, roles: REVIEWERS, relations: ["invited"], label: "declare conflicts of interest" },
  save_score: { from: ["in_review"], to: null, roles: REVIEWERS, relations: PANEL, label: "score a control" },
  submit_scorecard: { from: ["in_review"], to: null, roles: REVIEWERS, relations: PANEL, label: "submit a scorecard" },
  ask_clarification: { from: ["in_review"], to: null, roles: REVIEWERS, relations: PANEL, label: "ask the vendor a question" },
  answer_clarification: { from: ["in_review"], to: null, roles: ["vendor_officer"], relations: ["owner"], label: "answer a question" },
  resolve_clarification: { from: ["in_review"], to: null, roles: REVIEWERS, relations: PANEL, label: "resolve a question" },
  comment: { from: ["reconciliation"], to: null, roles: REVIEWERS, relations: PANEL, label: "comment on a control" },
  record_consensus: { from: ["reconciliation"], to: null, roles: REVIEWERS, relations: ["lead"], label: "record a consensus score" },
  sign_decision: { from: ["reconciliation"], to: null, roles: REVIEWERS, relations: ["lead"], label: "sign the decision" },
  close_remediation: { from: ["decided", "published"], to: null, roles: ["vendor_officer"], relations: ["owner"], label: "close a remediation item" },
  review_remediation: { from: ["decided", "published"], to: null, roles: REVIEWERS, relations: ["lead"], label: "accept or reopen a remediation item" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof TRANSITIONS;
export const ACTIONS = Object.keys(TRANSITIONS) as Action[];

export type Check = { ok: true; to: State | null } | { ok: false; reason: "role" | "relation" | "state"; message: string };

/**
 * May a person with this role and relation take this action on an attestation
 * in this state? Role is checked first, then relation, then state, so the
 * message says the most basic reason.
 */
export function check(action: Action, state: State, role: Role, relation: Relation): Check {
  const rule: Rule = TRANSITIONS[action];
  if (!(rule.roles as readonly Role[]).includes(role)) return { ok: false, reason: "role", message: `Your role cannot ${rule.label}.` };
  if (!rule.relations.includes(relation)) {
    const need = rule.relations.includes("owner")
      ? "the vendor that owns this attestation"
      : rule.relations.includes("invited")
        ? "a panel member who has not yet declared"
        : rule.relations.length === 1 && rule.relations[0] === "lead"
          ? "the panel's lead"
          : rule.relations.includes("none")
            ? "an administrator"
            : "a member of this attestation's review panel who has declared no conflict";
    return { ok: false, reason: "relation", message: `Only ${need} can ${rule.label}.` };
  }
  if (!rule.from.includes(state)) {
    const allowed = rule.from.map((s) => STATE_LABELS[s].toLowerCase()).join(" or ");
    return {
      ok: false,
      reason: "state",
      message: `You cannot ${rule.label} while the attestation is ${STATE_LABELS[state].toLowerCase()}; it must be ${allowed}.`,
    };
  }
  return { ok: true, to: rule.to };
}

/** The actions a person could take now; used to show only the controls that would work. */
export function availableActions(state: State, role: Role, relation: Relation): Action[] {
  return ACTIONS.filter((a) => check(a, state, role, relation).ok);
}
