import { stableJson } from "./oscal-common";

/**
 * Compare two versions of a framework (published or draft) control by control.
 * Controls are matched by id; a control whose domain changed is reported as
 * changed with field "domain". Types are deliberately loose so drafts
 * (empty rubric descriptors, partly filled controls) can be compared too.
 */

export interface ControlLike {
  id: string;
  title: string;
  statement?: string;
  vendorGuidance?: string;
  reviewerGuidance?: string;
  applicability?: unknown;
  weight?: unknown;
  must?: unknown;
  evidenceKinds?: unknown;
  rubric?: ReadonlyArray<string | null | undefined>;
  mappings?: unknown;
}
export interface DomainLike {
  key: string;
  title: string;
  description?: string;
  controls: ReadonlyArray<ControlLike>;
}
export interface FrameworkLike {
  slug?: string;
  title?: string;
  description?: string;
  publisher?: string;
  version?: string;
  thresholds?: unknown;
  answerRequirements?: unknown;
  domains: ReadonlyArray<DomainLike>;
}

export interface ControlRef {
  id: string;
  title: string;
  domainKey: string;
}
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
export interface ControlChange extends ControlRef {
  fields: FieldChange[];
}
export interface FrameworkChange {
  scope: "framework" | "domain" | "thresholds" | "requirements";
  kind: "added" | "removed" | "changed";
  /** Domain key for scope "domain". */
  key?: string;
  /** e.g. "title", "description", "thresholds.minBakeMinutes.code", "answerRequirements.planned.narrative". */
  field: string;
  before: unknown;
  after: unknown;
}
export interface FrameworkComparison {
  added: ControlRef[];
  removed: ControlRef[];
  changed: ControlChange[];
  unchangedCount: number;
  frameworkChanges: FrameworkChange[];
}

const SIMPLE_FIELDS = ["title", "statement", "vendorGuidance", "reviewerGuidance", "applicability", "weight", "must", "evidenceKinds"] as const;
const FRAMEWORK_FIELDS = ["slug", "title", "description", "publisher", "version"] as const;

const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

function index(doc: FrameworkLike): Map<string, { control: ControlLike; domainKey: string }> {
  const map = new Map<string, { control: ControlLike; domainKey: string }>();
  for (const d of doc.domains) for (const c of d.controls) if (!map.has(c.id)) map.set(c.id, { control: c, domainKey: d.key });
  return map;
}

export function compareFrameworks(a: FrameworkLike, b: FrameworkLike): FrameworkComparison {
  const before = index(a);
  const after = index(b);
  const result: FrameworkComparison = { added: [], removed: [], changed: [], unchangedCount: 0, frameworkChanges: [] };

  for (const [id, { control, domainKey }] of before) if (!after.has(id)) result.removed.push({ id, title: control.title, domainKey });

  for (const [id, { control: cb, domainKey }] of after) {
    const old = before.get(id);
    if (!old) {
      result.added.push({ id, title: cb.title, domainKey });
      continue;
    }
    const fields = controlFieldChanges(old.control, cb);
    if (old.domainKey !== domainKey) fields.push({ field: "domain", before: old.domainKey, after: domainKey });
    if (fields.length) result.changed.push({ id, title: cb.title, domainKey, fields });
    else result.unchangedCount++;
  }

  result.frameworkChanges = frameworkLevelChanges(a, b);
  return result;
}

function controlFieldChanges(a: ControlLike, b: ControlLike): FieldChange[] {
  const fields: FieldChange[] = [];
  for (const f of SIMPLE_FIELDS) if (!same(a[f], b[f])) fields.push({ field: f, before: a[f], after: b[f] });
  const ra = a.rubric ?? [];
  const rb = b.rubric ?? [];
  for (let level = 0; level < Math.max(ra.length, rb.length); level++)
    if (!same(ra[level], rb[level])) fields.push({ field: `rubric[${level}]`, before: ra[level], after: rb[level] });
  if (!same(a.mappings, b.mappings)) fields.push({ field: "mappings", before: a.mappings, after: b.mappings });
  return fields;
}

function frameworkLevelChanges(a: FrameworkLike, b: FrameworkLike): FrameworkChange[] {
  const out: FrameworkChange[] = [];
  for (const f of FRAMEWORK_FIELDS) if (!same(a[f], b[f])) out.push({ scope: "framework", kind: "changed", field: f, before: a[f], after: b[f] });

  const domainsA = new Map(a.domains.map((d) => [d.key, d]));
  const domainsB = new Map(b.domains.map((d) => [d.key, d]));
  for (const [key, d] of domainsA)
    if (!domainsB.has(key)) out.push({ scope: "domain", kind: "removed", key, field: "domain", before: d.title, after: undefined });
  for (const [key, d] of domainsB) {
    const old = domainsA.get(key);
    if (!old) {
      out.push({ scope: "domain", kind: "added", key, field: "domain", before: undefined, after: d.title });
      continue;
    }
    for (const f of ["title", "description"] as const)
      if (!same(old[f], d[f])) out.push({ scope: "domain", kind: "changed", key, field: f, before: old[f], after: d[f] });
  }

  diffSettings(a.thresholds ?? null, b.thresholds ?? null, "thresholds", "thresholds", out);
  diffSettings(a.answerRequirements ?? null, b.answerRequirements ?? null, "answerRequirements", "requirements", out);
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Per-setting differences of thresholds or answer requirements; a whole-object change when one side is null. */
function diffSettings(a: unknown, b: unknown, field: string, scope: FrameworkChange["scope"], out: FrameworkChange[]) {
  if (same(a, b)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) diffSettings(a[k], b[k], `${field}.${k}`, scope, out);
    return;
  }
  const kind = a === null || a === undefined ? "added" : b === null || b === undefined ? "removed" : "changed";
  out.push({ scope, kind, field, before: a, after: b });
}
