import { OSCAL_VERSION, RINGFENCE_OSCAL_NS as NS, deterministicUuid, fitOscalString, oscalIdFor, type OscalProp } from "@/lib/catalog/oscal-common";
import { RESULT_LABELS } from "@/lib/review/outcome";
import type { ReportControl, ReportDocument, ReportEvidence, ReportRemediation } from "./document";

/**
 * Published report → OSCAL 1.2.3 `assessment-results` and `plan-of-action-and-milestones`.
 * Pure (no Node built-ins, no database): the same document and options always give the same JSON.
 *
 * Shared by both exports:
 * - metadata: title, `published` and `last-modified` = report.publishedAt, version `revision N`,
 *   Ringfence props (ns RINGFENCE_OSCAL_NS) `report-id`, `revision`, `tier`, `report-sha256`,
 *   `submission-sha256`, `generated-at`; parties: the vendor organisation (role `prepared-for`)
 *   and every panel organisation (role `assessor`, with Ringfence props `panel-role` and `lead`).
 * - back-matter: the report itself (rlink `${portalUrl}/reports/${id}` when a portal URL is given).
 * - every UUID is `deterministicUuid` of a seed starting with the report id, so re-exports are stable
 *   and the observer export reuses the full export's UUIDs for what it shares with it.
 * - date-times are UTC, `Z`, whole seconds; day-only dates become T00:00:00Z (start of a period)
 *   or T23:59:59Z (end of a period, due dates).
 *
 * Assessment results: `import-ap` points at a back-matter resource (`#uuid`) describing the
 * panel's scoring procedure, as there is no separate OSCAL assessment plan. One result over the
 * attestation period: the product as a local `software` component; `reviewed-controls` lists
 * every control (lower-case ids, as the catalog export); observations: one per evidence item
 * listed in this tier (EXAMINE, `control-objective`) and one per rollout finding (TEST, `finding`);
 * findings: one per control, target `statement-id` `<control-id>_smt` (the statement part id of
 * the catalog export; the catalog has no objective parts), state from SATISFIED_MIN_SCORE.
 *
 * POA&M: one risk + one poam-item per remediation item (see RISK_STATUS), plus a copy of the
 * assessment-results finding of each control the items concern (same UUID). An empty plan gives
 * one placeholder item, see NO_CONDITIONS_TITLE.
 */

/**
 * A control is `satisfied` when the panel's consensus score is at least this. Level 3 of the
 * 0–4 rubric is where a practice is in place as the principles ask (levels 0–2 are absent,
 * ad hoc or partial; 4 is beyond), and it is the same bar as MEETS_MIN_MEAN = 3.0 for the
 * overall mean in lib/review/outcome.ts: a product whose every control scored 3 meets the
 * principles, so a control scored 3 meets its part of them.
 */
export const SATISFIED_MIN_SCORE = 3;

/**
 * OSCAL requires at least one poam-item. When the panel set no remediation conditions the
 * POA&M holds one placeholder item with this title, a description saying the plan is empty,
 * and the Ringfence prop `no-conditions` = "true"; it has no risk, no status and no due date,
 * so nothing reads it as an open weakness. We chose this over refusing to export: a valid,
 * explicit "nothing to do" is more useful than no file, and it cannot be mistaken for work.
 */
export const NO_CONDITIONS_TITLE = "No conditions were set";
/** Name of the Ringfence prop (value "true") that marks the placeholder item of an empty POA&M. */
export const NO_CONDITIONS_PROP = "no-conditions";

/**
 * Remediation status → OSCAL risk status (a token; these are OSCAL's suggested values).
 * - open: the vendor still has to act → `open`.
 * - closed: the vendor says it is done, the panel's lead has not reviewed it yet → `remediating`
 *   (OSCAL: "remediation activities are underway, but are not yet complete"), not `closed`.
 * - accepted: the lead accepted what the vendor sent → `closed`.
 * The exact Ringfence status is kept in the Ringfence prop `status`.
 */
export const RISK_STATUS: Readonly<Record<ReportRemediation["status"], string>> = {
  open: "open",
  closed: "remediating",
  accepted: "closed",
};

export interface ReportOscalOptions {
  /** When the export was made; recorded as the Ringfence prop `generated-at`. */
  generatedAt: Date;
  /** SHA-256 (64 hex digits) of the published report document. */
  reportDigest: string;
  /** Absolute http(s) URL of the portal; adds links to the report page. */
  portalUrl?: string;
}

interface Link {
  href: string;
  rel?: string;
  "media-type"?: string;
  text?: string;
}
interface Party {
  uuid: string;
  type: "organization";
  name: string;
  props?: OscalProp[];
}
interface Metadata {
  title: string;
  published: string;
  "last-modified": string;
  version: string;
  "oscal-version": string;
  props: OscalProp[];
  links?: Link[];
  roles?: { id: string; title: string; description?: string }[];
  parties?: Party[];
  "responsible-parties"?: { "role-id": string; "party-uuids": string[] }[];
}
interface Resource {
  uuid: string;
  title: string;
  description?: string;
  props?: OscalProp[];
  rlinks?: { href: string; "media-type"?: string }[];
  remarks?: string;
}
interface Observation {
  uuid: string;
  title: string;
  description: string;
  props?: OscalProp[];
  methods: string[];
  types: string[];
  subjects: { "subject-uuid": string; type: string }[];
  "relevant-evidence"?: { href?: string; description: string }[];
  collected: string;
}
interface Finding {
  uuid: string;
  title: string;
  description: string;
  props: OscalProp[];
  target: { type: "statement-id"; "target-id": string; status: { state: "satisfied" | "not-satisfied" } };
  "related-observations"?: { "observation-uuid": string }[];
}
interface Component {
  uuid: string;
  type: string;
  title: string;
  description: string;
  props?: OscalProp[];
  status: { state: "operational" };
}
interface Result {
  uuid: string;
  title: string;
  description: string;
  start: string;
  end: string;
  props: OscalProp[];
  "local-definitions": { components: Component[] };
  "reviewed-controls": { "control-selections": { "include-controls": { "control-id": string }[] }[] };
  observations?: Observation[];
  findings?: Finding[];
  remarks?: string;
}
export interface OscalAssessmentResults {
  uuid: string;
  metadata: Metadata;
  "import-ap": { href: string; remarks?: string };
  results: [Result];
  "back-matter": { resources: Resource[] };
}
interface Risk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  props: OscalProp[];
  status: string;
  deadline: string;
  remediations: { uuid: string; lifecycle: "planned" | "completed"; title: string; description: string }[];
}
interface PoamItem {
  uuid: string;
  title: string;
  description: string;
  props: OscalProp[];
  "related-findings"?: { "finding-uuid": string }[];
  "related-risks"?: { "risk-uuid": string }[];
  remarks?: string;
}
export interface OscalPoam {
  uuid: string;
  metadata: Metadata;
  "system-id": { "identifier-type": string; id: string };
  risks?: Risk[];
  findings?: Finding[];
  "poam-items": PoamItem[];
  "back-matter": { resources: Resource[] };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const rf = (name: string, value: string): OscalProp => ({ name, ns: NS, value: fitOscalString(value) });

const TOKEN_RE = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
/** The lower-case control id the catalog export uses, made a valid token if some odd id is not one. */
function controlToken(controlId: string): string {
  const id = oscalIdFor(controlId.trim());
  if (TOKEN_RE.test(id)) return id;
  const cleaned = id.replace(/[^\p{L}\p{N}._-]/gu, "_");
  return TOKEN_RE.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** A date-time with zone and no fractional seconds, in UTC. A string without a zone is read as UTC. */
export function oscalDateTime(value: string | Date): string {
  let d: Date;
  if (typeof value === "string") {
    const s = value.trim();
    d = new Date(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s}Z` : s);
  } else d = value;
  if (Number.isNaN(d.getTime())) throw new Error(`not a date-time: ${String(value)}`);
  return d.toISOString().replace(/\.\d+Z$/, "Z");
}

/** A calendar day (YYYY-MM-DD, or the day part of a date-time) at its first or last second, UTC. */
function dayBound(day: string, bound: "start" | "end"): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(day.trim());
  const time = bound === "start" ? "00:00:00" : "23:59:59";
  const out = m ? `${m[1]}T${time}Z` : "";
  const d = new Date(out);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[1]) throw new Error(`not a date: ${day}`);
  return out;
}

/** One line, at most `max` characters, cut at a word where possible. */
function shortLine(text: string, max = 80): string {
  const line = fitOscalString(text);
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Text or a stand-in when it is empty after trimming. */
const orElse = (text: string, fallback: string): string => (text.trim() === "" ? fallback : text);

const RFC3986_URI =
  /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9\-._~!$&'()*+,;=%]+(:\d*)?(\/([A-Za-z0-9\-._~!$&'()*+,;=:@%])*)*(\?[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?(#[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$/;

/**
 * An absolute http(s) URL normalised to something OSCAL's uri-reference accepts, or null.
 * URLs carrying credentials are refused rather than exported.
 */
function safeHref(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((u.protocol !== "http:" && u.protocol !== "https:") || u.username || u.password) return null;
  const href = u.href.replace(/%(?![0-9A-Fa-f]{2})/g, "%25").replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]/g, (c) => encodeURIComponent(c));
  return RFC3986_URI.test(href) ? href : null;
}

function portalBase(portalUrl: string | undefined): string | null {
  if (portalUrl === undefined) return null;
  const href = safeHref(portalUrl);
  if (!href) throw new Error(`portalUrl must be an absolute http(s) URL: ${portalUrl}`);
  return href.replace(/\/+$/, "");
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Parts shared by both exports

interface Common {
  metadata: (title: string) => Metadata;
  reportResource: Resource;
  vendorResponseResource: Resource | null;
  productUuid: string;
  findingUuid: (c: ReportControl) => string;
  seed: (...parts: string[]) => string;
}

function common(doc: ReportDocument, opts: ReportOscalOptions): Common {
  const digest = opts.reportDigest.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new Error("reportDigest must be a SHA-256 in hex (64 digits)");
  const base = portalBase(opts.portalUrl);
  const published = oscalDateTime(doc.report.publishedAt);
  const seed = (...parts: string[]) => deterministicUuid([doc.report.id, ...parts].join("/"));

  // Parties: the vendor, then each panel organisation once (members of one organisation share a party).
  const vendorParty: Party = {
    uuid: deterministicUuid(`party/vendor/${doc.vendor.id}`),
    type: "organization",
    name: fitOscalString(doc.vendor.name),
    props: [rf("party-role", "vendor")],
  };
  const panelParties = new Map<string, Party>();
  for (const m of doc.panel) {
    const name = fitOscalString(m.organisation);
    let party = panelParties.get(name);
    if (!party) {
      party = { uuid: deterministicUuid(`party/organisation/${name}`), type: "organization", name, props: [] };
      panelParties.set(name, party);
    }
    const props = party.props ?? [];
    if (!props.some((p) => p.name === "panel-role" && p.value === m.role)) props.push(rf("panel-role", m.role));
    if (m.lead && !props.some((p) => p.name === "lead")) props.push(rf("lead", "true"));
  }
  const panel = [...panelParties.values()].map((p) => (p.props && p.props.length > 0 ? p : { uuid: p.uuid, type: p.type, name: p.name }));

  const roles: NonNullable<Metadata["roles"]> = [{ id: "prepared-for", title: "Prepared for", description: "The vendor whose product was reviewed." }];
  const responsible: NonNullable<Metadata["responsible-parties"]> = [{ "role-id": "prepared-for", "party-uuids": [vendorParty.uuid] }];
  if (panel.length > 0) {
    roles.push({ id: "assessor", title: "Assessor", description: "An organisation on the review panel." });
    responsible.push({ "role-id": "assessor", "party-uuids": panel.map((p) => p.uuid) });
  }

  const reportResource: Resource = {
    uuid: seed("resource", "report"),
    title: fitOscalString(`Ringfence report, revision ${doc.report.revision}`),
    description: `The published Ringfence report (${doc.tier} tier) these OSCAL data were exported from. The SHA-256 of the report document is ${digest}.`,
    props: [rf("report-id", doc.report.id), rf("tier", doc.tier), rf("report-sha256", digest)],
  };
  if (base) reportResource.rlinks = [{ href: `${base}/reports/${encodeURIComponent(doc.report.id)}`, "media-type": "text/html" }];

  const vendorResponseResource: Resource | null =
    doc.vendorResponse !== null && doc.vendorResponse.trim() !== ""
      ? {
          uuid: seed("resource", "vendor-response"),
          title: "Vendor's response",
          description: doc.vendorResponse,
          props: [rf("role", "vendor-response")],
          remarks: "The vendor's public response is published with the report; it is not part of the panel's findings.",
        }
      : null;

  const metadata = (title: string): Metadata => {
    const m: Metadata = {
      title: fitOscalString(title),
      published,
      "last-modified": published,
      version: `revision ${doc.report.revision}`,
      "oscal-version": OSCAL_VERSION,
      props: [
        rf("report-id", doc.report.id),
        rf("revision", String(doc.report.revision)),
        rf("tier", doc.tier),
        rf("report-sha256", digest),
        rf("submission-sha256", doc.submission.digest),
        rf("generated-at", oscalDateTime(opts.generatedAt)),
      ],
      roles,
      parties: [vendorParty, ...panel],
      "responsible-parties": responsible,
    };
    if (reportResource.rlinks)
      m.links = [{ href: reportResource.rlinks[0]!.href, rel: "alternate", "media-type": "text/html", text: "The report in the Ringfence portal" }];
    return m;
  };

  return {
    metadata,
    reportResource,
    vendorResponseResource,
    productUuid: deterministicUuid(`product/${doc.vendor.id}/${doc.product.name}`),
    findingUuid: (c) => seed("finding", c.id),
    seed,
  };
}

/** "Bastion Endpoint Ltd Bastion Sensor, Safe Deployment Principles 1.0, 2026-01-01 to 2026-06-30" */
function subjectLine(doc: ReportDocument): string {
  const f = fitOscalString;
  return `${f(doc.vendor.name)} ${f(doc.product.name)}, ${f(doc.framework.title)} ${f(doc.framework.version)}, ${f(doc.period.start)} to ${f(doc.period.end)}`;
}

const controlTitle = (c: ReportControl) => fitOscalString(`${fitOscalString(c.controlId)}: ${fitOscalString(c.title)}`);

function findingFor(c: ReportControl, uuid: string, observations: string[]): Finding {
  const satisfied = c.score >= SATISFIED_MIN_SCORE;
  const id = controlToken(c.controlId);
  const props = [
    rf("control-id", c.controlId),
    rf("domain", c.domain),
    rf("score", String(c.score)),
    rf("weight", String(c.weight)),
    rf("must", String(c.must)),
  ];
  if (c.selfAssessed !== null) props.push(rf("self-assessed", String(c.selfAssessed)));
  const finding: Finding = {
    uuid,
    title: controlTitle(c),
    description:
      `Consensus score ${c.score} of 4: ${satisfied ? "satisfied" : "not satisfied"} (a control is satisfied at ${SATISFIED_MIN_SCORE} or more).\n\n` +
      `What the rubric says for this score: ${orElse(c.rubric, "(no rubric text)")}`,
    props,
    target: { type: "statement-id", "target-id": `${id}_smt`, status: { state: satisfied ? "satisfied" : "not-satisfied" } },
  };
  if (observations.length > 0) finding["related-observations"] = observations.map((u) => ({ "observation-uuid": u }));
  return finding;
}

// ---------------------------------------------------------------------------------------------
// Assessment results

export function reportToAssessmentResults(doc: ReportDocument, opts: ReportOscalOptions): { "assessment-results": OscalAssessmentResults } {
  if (doc.controls.length === 0) throw new Error("a report without controls has nothing to export as assessment results");
  const c = common(doc, opts);
  const collected = oscalDateTime(doc.submission.signedAt);
  const subjects = [{ "subject-uuid": c.productUuid, type: "component" }];

  const product: Component = {
    uuid: c.productUuid,
    type: "software",
    title: fitOscalString(doc.product.name),
    description: `${orElse(doc.product.name, "The product")} by ${orElse(doc.vendor.name, "the vendor")}; the product whose deployment practices were reviewed.`,
    props: [rf("kernel-mode", String(doc.product.kernelMode)), ...doc.product.platforms.map((p) => rf("platform", p))],
    status: { state: "operational" },
  };

  // Evidence listed in this tier (the observer document already holds only the publishable items).
  const evidenceObs = doc.evidence.items.map((e) => ({ e, obs: evidenceObservation(e, c.seed("observation", e.id), subjects, collected) }));

  const rolloutObs: Observation[] = [];
  doc.rollouts.records.forEach((r, ri) => {
    r.findings.forEach((f, fi) => {
      rolloutObs.push({
        uuid: c.seed("observation", "rollout", String(ri), r.releaseId, String(fi)),
        title: fitOscalString(`Release ${fitOscalString(r.releaseId)}: ${fitOscalString(f.code)} (${fitOscalString(f.severity)})`),
        description:
          `Rollout analysis of release ${orElse(r.releaseId, "(no id)")} (version ${orElse(r.version, "unknown")}, ${orElse(r.channel, "unknown")} channel, ` +
          `${r.canary ? "first ring a canary" : "first ring not a canary"}): ${orElse(f.severity, "unrated")} finding ${orElse(f.code, "(no code)")}. ${f.message}`.trimEnd(),
        props: [rf("release", r.releaseId), rf("version", r.version), rf("channel", r.channel), rf("finding-code", f.code), rf("severity", f.severity)],
        methods: ["TEST"],
        types: ["finding"],
        subjects,
        collected,
      });
    });
  });

  const findings = doc.controls.map((ctl) => {
    const key = controlToken(ctl.controlId);
    const related = evidenceObs.filter(({ e }) => e.controls.some((id) => controlToken(id) === key)).map(({ obs }) => obs.uuid);
    return findingFor(ctl, c.findingUuid(ctl), related);
  });

  const controlIds = [...new Set(doc.controls.map((ctl) => controlToken(ctl.controlId)))];
  const o = doc.outcome;
  const description = [
    `**${RESULT_LABELS[o.result] ?? o.result}** (overall weighted mean ${o.overall.toFixed(2)} of 4).`,
    ...(o.summary.trim() ? [o.summary.trim()] : []),
    ...(o.reasons.length > 0 ? [o.reasons.map((r) => `- ${fitOscalString(r)}`).join("\n")] : []),
  ].join("\n\n");

  const resultProps = [
    rf("outcome", o.result),
    rf("overall-score", o.overall.toFixed(2)),
    rf("decided-at", oscalDateTime(o.decidedAt)),
    ...(o.cosignedAt ? [rf("cosigned-at", oscalDateTime(o.cosignedAt))] : []),
    rf("releases", String(doc.rollouts.releases)),
    rf("canary-staged", String(doc.rollouts.canaryStaged)),
    rf("evidence-reviewed", String(doc.evidence.total)),
    rf("raters", String(doc.agreement.raters)),
  ];

  const result: Result = {
    uuid: c.seed("result"),
    title: fitOscalString(`Panel review of ${subjectLine(doc)}`),
    description,
    start: dayBound(doc.period.start, "start"),
    end: dayBound(doc.period.end, "end"),
    props: resultProps,
    "local-definitions": { components: [product] },
    "reviewed-controls": { "control-selections": [{ "include-controls": controlIds.map((id) => ({ "control-id": id })) }] },
  };
  const observations = [...evidenceObs.map(({ obs }) => obs), ...rolloutObs];
  if (observations.length > 0) result.observations = observations;
  result.findings = findings;
  if (doc.tier === "observer") {
    const n = doc.evidence.confidentialCount;
    result.remarks = `${plural(n, "confidential evidence item was", "confidential evidence items were")} reviewed by the panel and ${n === 1 ? "is" : "are"} withheld from this observer edition; the findings take ${n === 1 ? "it" : "them"} into account.`;
  }

  const plan: Resource = {
    uuid: c.seed("resource", "assessment-plan"),
    title: "Assessment plan: Ringfence panel review",
    description: [
      `The review panel assessed the vendor's signed attestation against ${orElse(doc.framework.title, "the framework")} ${doc.framework.version}.`,
      "Each panel member scored every control from 0 to 4 against the control's maturity rubric, from the evidence the vendor submitted and the linked rollout records; the panel then agreed a consensus score per control.",
      `A control is reported satisfied when its consensus score is ${SATISFIED_MIN_SCORE} or more. The overall result follows from the weighted mean of the consensus scores and the outcome rules of the portal.`,
    ].join("\n\n"),
    props: [rf("role", "assessment-plan"), rf("framework-version-id", doc.framework.versionId)],
  };

  const resources = [plan, c.reportResource, ...(c.vendorResponseResource ? [c.vendorResponseResource] : [])];
  return {
    "assessment-results": {
      uuid: c.seed("assessment-results", doc.tier),
      metadata: c.metadata(`Assessment results: ${subjectLine(doc)}`),
      "import-ap": {
        href: `#${plan.uuid}`,
        remarks: "There is no separate OSCAL assessment plan; the referenced back-matter resource describes the panel's procedure.",
      },
      results: [result],
      "back-matter": { resources },
    },
  };
}

function evidenceObservation(e: ReportEvidence, uuid: string, subjects: Observation["subjects"], collected: string): Observation {
  // Only a URL we can pass on safely (http(s), no credentials) is shown or linked.
  const href = e.url ? safeHref(e.url) : null;
  const title = fitOscalString(orElse(e.title, "Untitled evidence item"));
  const details = [
    `Kind: ${fitOscalString(orElse(e.kind, "unknown"))}`,
    `Classification: ${e.classification === "publishable" ? "publishable" : "reviewers only"}`,
    ...(e.fileName ? [`File: ${fitOscalString(e.fileName)}`] : []),
    ...(e.sha256 ? [`SHA-256: ${fitOscalString(e.sha256)}`] : []),
    ...(href ? [`URL: <${href}>`] : []),
    ...(e.controls.length > 0 ? [`Supports: ${e.controls.map(fitOscalString).join(", ")}`] : []),
  ].map((line) => `- ${line}`);
  const props = [rf("evidence-kind", e.kind), rf("classification", e.classification)];
  if (e.sha256) props.push(rf("sha256", e.sha256));
  for (const id of e.controls) props.push(rf("control-id", id));
  const evidence: { href?: string; description: string } = { description: `Evidence item "${title}" submitted by the vendor.` };
  if (href) evidence.href = href;
  return {
    uuid,
    title,
    description: `The panel examined the evidence item "${title}".\n\n${details.join("\n")}`,
    props,
    methods: ["EXAMINE"],
    types: ["control-objective"],
    subjects,
    "relevant-evidence": [evidence],
    collected,
  };
}

// ---------------------------------------------------------------------------------------------
// Plan of action and milestones

export function reportToPoam(doc: ReportDocument, opts: ReportOscalOptions): { "plan-of-action-and-milestones": OscalPoam } {
  const c = common(doc, opts);
  const byControl = new Map(doc.controls.map((ctl) => [controlToken(ctl.controlId), ctl] as const));

  const risks: Risk[] = [];
  const findings = new Map<string, Finding>();
  const items: PoamItem[] = doc.remediation.map((rem) => {
    const ctl = byControl.get(controlToken(rem.controlId));
    const action = orElse(rem.action, "(no action text)");
    const due = dayBound(rem.dueDate, "end");
    const riskUuid = c.seed("risk", rem.id);
    const status = RISK_STATUS[rem.status] ?? "open";
    const risk: Risk = {
      uuid: riskUuid,
      title: fitOscalString(`${fitOscalString(rem.controlId)}: ${shortLine(action)}`),
      description: action,
      statement: ctl
        ? `Control ${ctl.controlId} (${fitOscalString(ctl.title)}) reached a consensus score of ${ctl.score} of 4; the panel set this condition for it: ${action}`
        : `The panel set this condition for control ${rem.controlId}: ${action}`,
      props: [rf("control-id", rem.controlId), rf("status", rem.status), rf("due-date", rem.dueDate)],
      status,
      deadline: due,
      remediations: [
        {
          uuid: c.seed("remediation", rem.id),
          lifecycle: rem.status === "accepted" ? "completed" : "planned",
          title: fitOscalString(`Condition on ${fitOscalString(rem.controlId)}`),
          description: action,
        },
      ],
    };
    risks.push(risk);

    const item: PoamItem = {
      uuid: c.seed("poam-item", rem.id),
      title: risk.title,
      description: action,
      props: [rf("status", rem.status), rf("due-date", rem.dueDate), rf("control-id", rem.controlId)],
      "related-risks": [{ "risk-uuid": riskUuid }],
    };
    if (rem.status === "closed") item.remarks = "The vendor reported this condition met; the panel's lead has not yet reviewed what was sent.";
    if (rem.status === "accepted") item.remarks = "The panel's lead accepted what the vendor sent for this condition.";
    if (ctl) {
      const uuid = c.findingUuid(ctl);
      if (!findings.has(uuid)) findings.set(uuid, findingFor(ctl, uuid, []));
      item["related-findings"] = [{ "finding-uuid": uuid }];
    }
    return item;
  });

  if (items.length === 0) {
    items.push({
      uuid: c.seed("poam-item", NO_CONDITIONS_PROP),
      title: NO_CONDITIONS_TITLE,
      description: `The review panel set no remediation conditions in revision ${doc.report.revision} of this report, so there is nothing to track. OSCAL requires at least one POA&M item; this one only records that the plan is empty and is not a weakness.`,
      props: [rf(NO_CONDITIONS_PROP, "true")],
    });
  }

  const poam: OscalPoam = {
    uuid: c.seed("poam", doc.tier),
    metadata: c.metadata(`Plan of action and milestones: ${subjectLine(doc)}`),
    "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", id: c.productUuid },
    ...(findings.size > 0 ? { findings: [...findings.values()] } : {}),
    ...(risks.length > 0 ? { risks } : {}),
    "poam-items": items,
    "back-matter": { resources: [c.reportResource] },
  };
  return { "plan-of-action-and-milestones": poam };
}
