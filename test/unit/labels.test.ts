import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { attestationKind, evidenceClassification, implementationStatus, orgKind, role, rolloutSource, ATTESTATION_STATUSES } from "@/db/schema";
import { EVIDENCE_KINDS, MAPPING_SCHEMES, TEST_KINDS, UPDATE_CHANNELS } from "@/lib/catalog/schema";
import { ORG_KIND_LABELS, ROLE_LABELS } from "@/lib/auth/roles";
import { CLARIFICATION_STATUS_LABELS } from "@/lib/review/clarification-types";
import { RESULT_LABELS } from "@/lib/review/outcome";
import { STATE_LABELS } from "@/lib/review/transitions";
import { FINDING_CODES, SEVERITIES } from "@/lib/rollouts/analysis/types";
import { GATE_METRICS, ROLLOUT_EVENT_KINDS } from "@/lib/rollouts/record-schema";
import { TOKEN_SCOPE_LABELS, TOKEN_SCOPE_VALUES } from "@/lib/rollouts/scopes";
import { CHANNEL_LABELS, EVIDENCE_KIND_LABELS, MAPPING_SCHEME_LABELS, TEST_KIND_LABELS } from "@/lib/validations/catalog";
import { OUTBOX_STATUS_LABELS } from "@/lib/validations/notifications";
import { REMEDIATION_STATUS_LABELS } from "@/lib/validations/review";
import { FINDING_CODE_LABELS, GATE_METRIC_LABELS, ROLLOUT_EVENT_KIND_LABELS, ROLLOUT_SOURCE_LABELS, SEVERITY_LABELS } from "@/lib/validations/rollouts";
import * as vendor from "@/lib/validations/vendor";

/** The values a CHECK constraint allows: `<name>` ... `in ('a', 'b')` in a schema file. */
function checkValues(file: string, constraint: string): string[] {
  const text = readFileSync(path.join(import.meta.dirname, "../../db/schema", file), "utf8");
  const at = text.indexOf(`"${constraint}"`);
  const m = at < 0 ? null : /in \(([^)]*)\)/.exec(text.slice(at, at + 300));
  if (!m) throw new Error(`${constraint} not found in db/schema/${file}`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

// Every enumeration shown to people, with the values the database or schema allows and its one label table.
const TABLES: [name: string, values: readonly (string | number)[], labels: Readonly<Record<string, string>>][] = [
  ["evidence kinds", EVIDENCE_KINDS, EVIDENCE_KIND_LABELS],
  ["update channels", UPDATE_CHANNELS, CHANNEL_LABELS],
  ["mapping schemes", MAPPING_SCHEMES, MAPPING_SCHEME_LABELS],
  ["test kinds", TEST_KINDS, TEST_KIND_LABELS],
  ["attestation kinds", attestationKind.enumValues, vendor.ATTESTATION_KIND_LABELS],
  ["attestation statuses", ATTESTATION_STATUSES, STATE_LABELS],
  ["implementation statuses", implementationStatus.enumValues, vendor.STATUS_LABELS],
  ["evidence classifications", evidenceClassification.enumValues, vendor.CLASSIFICATION_LABELS],
  ["expiry filters", vendor.EXPIRY_FILTERS, vendor.EXPIRY_FILTER_LABELS],
  ["roles", role.enumValues, ROLE_LABELS],
  ["organisation kinds", orgKind.enumValues, ORG_KIND_LABELS],
  ["clarification statuses", checkValues("review.ts", "clarifications_status_check"), CLARIFICATION_STATUS_LABELS],
  ["decision results", checkValues("review.ts", "review_decisions_result_check"), RESULT_LABELS],
  ["remediation statuses", checkValues("review.ts", "remediation_items_status_check"), REMEDIATION_STATUS_LABELS],
  ["e-mail outbox statuses", checkValues("notifications.ts", "email_outbox_status_check"), OUTBOX_STATUS_LABELS],
  ["finding severities", SEVERITIES, SEVERITY_LABELS],
  ["finding codes", FINDING_CODES, FINDING_CODE_LABELS],
  ["rollout event kinds", ROLLOUT_EVENT_KINDS, ROLLOUT_EVENT_KIND_LABELS],
  ["gate metrics", GATE_METRICS, GATE_METRIC_LABELS],
  ["rollout sources", rolloutSource.enumValues, ROLLOUT_SOURCE_LABELS],
  ["API token scopes", TOKEN_SCOPE_VALUES, TOKEN_SCOPE_LABELS],
];

describe("label tables", () => {
  it.each(TABLES)("%s: every value has a label, and the table has no other keys", (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual(values.map(String).sort());
  });

  it.each(TABLES)("%s: labels are words for people, not codes", (_name, values, labels) => {
    for (const v of values) {
      const label = labels[String(v)]!;
      expect(label.trim()).toBe(label);
      // Token scopes are quoted as the API spells them ("rollouts:write — send new rollout records").
      if (labels === TOKEN_SCOPE_LABELS) expect(label).toMatch(new RegExp(`^${String(v)} — [a-z]`));
      else expect(label).toMatch(/^[A-Z0-9][^_]*$/);
    }
  });

  it("one table per enumeration: the vendor forms use the catalog's tables", () => {
    expect(vendor.CHANNEL_LABELS).toBe(CHANNEL_LABELS);
    expect(vendor.EVIDENCE_KIND_LABELS).toBe(EVIDENCE_KIND_LABELS);
  });
});
