import { FRAMEWORK_FORMAT, type Control, type Domain, type FrameworkDocument } from "./schema";
import {
  FRAMEWORK_DATA_ROLE,
  OSCAL_VERSION,
  RINGFENCE_OSCAL_NS as NS,
  deterministicUuid,
  fitOscalString,
  isOscalUuid,
  oscalIdFor,
  stableJson,
  toBase64,
  type FrameworkData,
  type OscalControl,
  type OscalGroup,
  type OscalPart,
  type OscalProp,
} from "./oscal-common";

/**
 * Ringfence framework → OSCAL 1.2.3 catalog.
 *
 * Representation (read back exactly by `oscalToFramework`):
 * - metadata: title, version, last-modified, oscal-version "1.2.3"; `remarks` = description;
 *   Ringfence props (ns RINGFENCE_OSCAL_NS) `format`, `slug`, `publisher`, optional `status`;
 *   the publisher is also a party with role `publisher`.
 * - group per domain: id = lower-case key, class "domain", prop `label` = key,
 *   part `overview` = description.
 * - control: id = lower-case control id, prop `label` = original id; Ringfence props
 *   `weight`, `must`, `channel` (one per channel), `kernel-only`, `evidence-kind` (one per kind),
 *   `mapping` (value = ref, class = scheme, remarks = note; one per mapping, in order).
 * - control parts: `statement`; `guidance` class "vendor"; `guidance` class "reviewer"
 *   (empty guidance is omitted); `assessment-method` class "rubric" whose five sub-parts
 *   (name `rubric-level`, ns Ringfence, class `level-N`, prop `level`) carry the descriptors.
 * - back-matter: one resource (Ringfence prop `role` = "framework-data") whose base64 JSON
 *   holds `{ thresholds, answerRequirements, exact? }`; OSCAL has no notion of answer rules,
 *   so they travel there with the thresholds. `exact` keeps the original of any string that OSCAL's
 *   one-line datatypes forced us to alter (titles or prop values with line breaks).
 */
export interface OscalExportOptions {
  /** Catalog UUID (v4 or v5 layout). Default: derived from the document content. */
  uuid?: string;
  /** ISO date-time with timezone. Default: now. */
  lastModified?: string;
  /** Lifecycle status to record (e.g. "draft", "published"); omitted when not given. */
  status?: string;
}

const rf = (name: string, value: string, extra: Partial<OscalProp> = {}): OscalProp => ({ name, ns: NS, value, ...extra });

export function frameworkToOscal(doc: FrameworkDocument, opts: OscalExportOptions = {}): object {
  if (opts.uuid !== undefined && !isOscalUuid(opts.uuid)) throw new Error(`not an OSCAL UUID (v4/v5 layout): ${opts.uuid}`);
  const exact: Record<string, string> = {};
  const fit = (value: string, key: string): string => {
    const out = fitOscalString(value);
    if (out !== value) exact[key] = value;
    return out;
  };

  const partyUuid = deterministicUuid(`party\u0000${doc.publisher}`);
  const metaProps: OscalProp[] = [rf("format", FRAMEWORK_FORMAT), rf("slug", doc.slug), rf("publisher", fit(doc.publisher, "publisher"))];
  if (opts.status) metaProps.push(rf("status", fitOscalString(opts.status)));

  const metadata: Record<string, unknown> = {
    title: fit(doc.title, "title"),
    "last-modified": opts.lastModified ?? new Date().toISOString(),
    version: doc.version,
    "oscal-version": OSCAL_VERSION,
    props: metaProps,
    roles: [{ id: "publisher", title: "Publisher" }],
    parties: [{ uuid: partyUuid, type: "organization", name: fitOscalString(doc.publisher) }],
    "responsible-parties": [{ "role-id": "publisher", "party-uuids": [partyUuid] }],
  };
  if (doc.description) metadata.remarks = doc.description;

  const usedIds = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };

  const groups = doc.domains.map((d) => domainToGroup(d, uniqueId, fit));

  const data: FrameworkData = { thresholds: doc.thresholds, answerRequirements: doc.answerRequirements };
  if (Object.keys(exact).length > 0) data.exact = exact;
  const resource = {
    uuid: deterministicUuid(`framework-data\u0000${doc.slug}\u0000${doc.version}`),
    title: "Ringfence framework data",
    description: "Rollout-analysis thresholds, the fields each implementation status requires, and exact texts of the Ringfence framework, as JSON.",
    props: [rf("role", FRAMEWORK_DATA_ROLE)],
    base64: { filename: `framework-data-${doc.slug}.json`, "media-type": "application/json", value: toBase64(JSON.stringify(data)) },
  };

  return {
    catalog: {
      uuid: opts.uuid ?? deterministicUuid(`catalog\u0000${stableJson(doc)}`),
      metadata,
      groups,
      "back-matter": { resources: [resource] },
    },
  };
}

type Fit = (value: string, key: string) => string;

function domainToGroup(d: Domain, uniqueId: (base: string) => string, fit: Fit): OscalGroup {
  const id = uniqueId(d.key.toLowerCase());
  const group: OscalGroup = {
    id,
    class: "domain",
    title: fit(d.title, `domains.${d.key}.title`),
    props: [{ name: "label", value: d.key }],
  };
  if (d.description) group.parts = [{ id: `${id}_ovw`, name: "overview", prose: d.description }];
  if (d.controls.length > 0) group.controls = d.controls.map((c) => controlToOscal(c, uniqueId, fit));
  return group;
}

function controlToOscal(c: Control, uniqueId: (base: string) => string, fit: Fit): OscalControl {
  const id = uniqueId(oscalIdFor(c.id));
  const props: OscalProp[] = [
    { name: "label", value: c.id },
    rf("weight", String(c.weight)),
    rf("must", String(c.must)),
    ...c.applicability.channels.map((ch) => rf("channel", ch)),
    rf("kernel-only", String(c.applicability.kernelOnly)),
    ...c.evidenceKinds.map((k) => rf("evidence-kind", k)),
    ...c.mappings.map((m, i) => {
      const p = rf("mapping", fit(m.ref, `controls.${c.id}.mappings[${i}].ref`), { class: m.scheme });
      if (m.note !== undefined) p.remarks = m.note;
      return p;
    }),
  ];
  const parts: OscalPart[] = [{ id: `${id}_smt`, name: "statement", prose: c.statement }];
  if (c.vendorGuidance) parts.push({ id: `${id}_gdn`, name: "guidance", class: "vendor", prose: c.vendorGuidance });
  if (c.reviewerGuidance) parts.push({ id: `${id}_gdn.reviewer`, name: "guidance", class: "reviewer", prose: c.reviewerGuidance });
  parts.push({
    id: `${id}_rubric`,
    name: "assessment-method",
    class: "rubric",
    title: "Maturity rubric",
    parts: c.rubric.map((descriptor, level) => ({
      id: `${id}_rubric.l${level}`,
      name: "rubric-level",
      ns: NS,
      class: `level-${level}`,
      title: `Level ${level}`,
      props: [rf("level", String(level))],
      prose: descriptor,
    })),
  });
  return { id, class: "control", title: fit(c.title, `controls.${c.id}.title`), props, parts };
}
