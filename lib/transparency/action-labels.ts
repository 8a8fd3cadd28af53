/**
 * What each recorded action means, in words. recordAudit accepts only these
 * actions, so a new kind of event cannot reach the log without a label. The
 * codes themselves are stored in the log and stay as they are (they are part of
 * what is signed); people read the label. No imports: pages, exports and tests use it.
 */
export const AUDIT_ACTION_LABELS = {
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "api_token.used": "API token used",

  "attestation.started": "Attestation started",
  "attestation.answer_saved": "Answer saved",
  "attestation.evidence_linked": "Evidence linked to a control",
  "attestation.revision_created": "Revision started",
  "attestation.submitted": "Attestation signed and submitted",
  "attestation.withdrawn": "Attestation withdrawn",
  "attestation.assign_panel": "Review panel assigned",
  "attestation.request_changes": "Changes requested by the panel",
  "attestation.complete_scoring": "Scoring completed, reconciliation started",
  "attestation.reopen_scoring": "Scoring reopened",
  "attestation.cosign_decision": "Decision co-signed",
  "attestation.publish": "Attestation published",

  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.locked_out": "Account locked after failed sign-ins",
  "auth.session_ended": "Session ended",
  "auth.factor_enrolled": "Second factor added",
  "auth.factor_removed": "Second factor removed",
  "auth.factor_verified": "Second factor checked",
  "auth.factor_failed": "Second factor check failed",
  "auth.factors_reset": "Second factors reset by an administrator",
  "auth.recovery_code_used": "Recovery code used",
  "auth.recovery_codes_replaced": "Recovery codes replaced",

  "catalog.version.draft_created": "Catalog draft created",
  "catalog.version.updated": "Catalog draft updated",
  "catalog.version.imported": "Catalog imported",
  "catalog.version.exported": "Catalog exported",
  "catalog.version.published": "Catalog version published",
  "catalog.version.retired": "Catalog version retired",
  "catalog.domain.created": "Catalog domain added",
  "catalog.domain.updated": "Catalog domain changed",
  "catalog.domain.deleted": "Catalog domain removed",
  "catalog.domain.reordered": "Catalog domains reordered",
  "catalog.control.created": "Control added",
  "catalog.control.updated": "Control changed",
  "catalog.control.deleted": "Control removed",
  "catalog.control.reordered": "Controls reordered",

  "clarification.asked": "Question asked",
  "clarification.answered": "Question answered",
  "clarification.followed_up": "Follow-up question asked",
  "clarification.resolved": "Question resolved",

  "evidence.added": "Evidence added",
  "evidence.created": "Evidence created",
  "evidence.uploaded": "Evidence file uploaded",
  "evidence.version_added": "New version of an evidence file",
  "evidence.updated": "Evidence details changed",
  "evidence.downloaded": "Evidence downloaded",
  "evidence.retired": "Evidence retired",
  "evidence.restored": "Evidence restored",
  "evidence.deleted": "Evidence deleted",

  "log.verified": "Transparency log verified",

  "organisation.created": "Organisation created",
  "organisation.updated": "Organisation changed",
  "organisation.password_sign_in_changed": "Password sign-in setting changed",

  "product.created": "Product registered",
  "product.updated": "Product changed",

  "remediation.accepted": "Remediation accepted",
  "remediation.closed": "Remediation closed",
  "remediation.reopened": "Remediation reopened",

  "report.prepared": "Public response prepared",
  "report.published": "Report published",
  "report.exported": "Report exported",

  "review.panel_changed": "Review panel changed",
  "review.conflict_declared": "Conflict of interest declared",
  "review.no_conflict_declared": "No conflict of interest declared",
  "review.score_saved": "Score saved",
  "review.scorecard_submitted": "Scorecard submitted",
  "review.scores_carried_over": "Scores carried over from the previous revision",
  "review.comment_added": "Review comment added",
  "review.finding_addressed": "Finding addressed",
  "review.consensus_recorded": "Consensus recorded",
  "review.decision_signed": "Decision signed",

  "rollout_record.created": "Rollout record created",
  "rollout_record.appended": "Rollout record extended",
  "rollout_record.reanalysed": "Rollout record analysed again",

  "security.mfa_policy_changed": "Second-factor policy changed",
  "sso.provider.created": "Single sign-on provider added",
  "sso.provider.updated": "Single sign-on provider changed",
  "sso.provider.removed": "Single sign-on provider removed",

  "user.invited": "Person invited",
  "user.created_by_sso": "Person created at first single sign-on",
  "user.updated": "Person's details changed",
  "user.access_changed": "Person's role or organisation changed",
  "user.deactivated": "Person deactivated",
  "user.reactivated": "Person reactivated",
  "user.password_changed": "Password changed",
  "user.password_set": "Password set",
  "user.password_link_created": "Password link created",
  "user.signed_out_everywhere": "Signed out on every device",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The label of a stored action; an action recorded by an older version of the portal shows its code. */
export function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
