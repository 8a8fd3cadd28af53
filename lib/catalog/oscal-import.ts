import { FRAMEWORK_FORMAT, formatIssuePath, type FrameworkDocument } from "./schema";
import { draftFrameworkDocumentSchema, issuesToErrors, type ImportError } from "./draft-schema";
import {
  FRAMEWORK_DATA_ROLE,
  RINGFENCE_OSCAL_NS as NS,
  fitOscalString,
  fromBase64,
  type FrameworkData,
  type OscalControl,
  type OscalGroup,
  type OscalPart,
  type OscalProp,
} from "./oscal-common";
import { checkOscalCatalog, isObject } from "./oscal-check";
import { foreignCatalogToRaw, type RawConversion } from "./oscal-foreign";

export { draftFrameworkDocumentSchema, type DraftFrameworkDocument } from "./draft-schema";

export type OscalImportResult = { ok: true; doc: FrameworkDocument; warnings: string[] } | { ok: false; errors: ImportError[] };

/**
 * OSCAL catalog JSON → Ringfence framework.
 * (a) A catalog exported by `frameworkToOscal` (metadata prop `format` in the
 *     Ringfence namespace) gives back the exact framework document.
 * (b) Any other catalog (e.g. NIST SP 800-218 SSDF) becomes a draft framework:
 *     rubrics empty, defaults for applicability, weight and evidence; see oscal-foreign.ts.
 * The result is validated with `draftFrameworkDocumentSchema`; the caller decides whether
 * it may be published (strict `frameworkDocumentSchema`). Errors point into the catalog.
 */
export function oscalToFramework(json: unknown): OscalImportResult {
  const errors = checkOscalCatalog(json);
  if (errors.length > 0) return { ok: false, errors };
  const cat = (json as { catalog: Record<string, unknown> }).catalog as Parameters<typeof foreignCatalogToRaw>[0];
  const warnings: string[] = [];
  const metaProps = (cat.metadata.props as OscalProp[] | undefined) ?? [];
  const isRingfence = metaProps.some((p) => p.ns === NS && p.name === "format" && p.value === FRAMEWORK_FORMAT);

  let conversion: RawConversion;
  if (isRingfence) {
    const read = readRingfenceExport(cat, warnings);
    if (!read.ok) return read;
    conversion = read.conversion;
  } else {
    conversion = foreignCatalogToRaw(cat, warnings);
  }

  const parsed = draftFrameworkDocumentSchema.safeParse(conversion.raw);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues, (p) => locate(p, conversion)) };
  return { ok: true, doc: parsed.data, warnings };
}

/** Point a framework path (domains[1].controls[2].rubric[3]) back into the catalog. */
function locate(path: ReadonlyArray<PropertyKey>, c: RawConversion): string {
  const [first, di, second, ci, ...rest] = path;
  if (first === "domains" && typeof di === "number") {
    const group = c.groupPaths[di] ?? `catalog.groups[${di}]`;
    if (second === "controls" && typeof ci === "number") {
      const control = c.controlPaths[di]?.[ci] ?? `${group}.controls[${ci}]`;
      return rest.length ? `${control}.${formatIssuePath(rest)}` : control;
    }
    const tail = path.slice(2);
    return tail.length ? `${group}.${formatIssuePath(tail)}` : group;
  }
  if (first === "domains") return "catalog.groups";
  if (first === "thresholds" || first === "answerRequirements") return `catalog.back-matter.${formatIssuePath(path)}`;
  return `catalog.metadata.${formatIssuePath(path)}`;
}

type Catalog = Parameters<typeof foreignCatalogToRaw>[0] & { "back-matter"?: { resources?: unknown } };

const rfValues = (props: OscalProp[] | undefined, name: string) => (props ?? []).filter((p) => p.ns === NS && p.name === name).map((p) => p.value);
const rfValue = (props: OscalProp[] | undefined, name: string) => rfValues(props, name)[0];
const label = (props: OscalProp[] | undefined) => props?.find((p) => p.name === "label" && !p.ns)?.value;
/** "true"/"false" become booleans; anything else is left for validation to reject. */
const bool = (v: string | undefined): unknown => (v === "true" ? true : v === "false" ? false : v);
const num = (v: string | undefined): unknown => (v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

function readRingfenceExport(cat: Catalog, warnings: string[]): { ok: true; conversion: RawConversion } | { ok: false; errors: ImportError[] } {
  const resources = Array.isArray(cat["back-matter"]?.resources) ? (cat["back-matter"].resources as unknown[]) : [];
  const ri = resources.findIndex((r) => isObject(r) && rfValue(r.props as OscalProp[] | undefined, "role") === FRAMEWORK_DATA_ROLE);
  let data: FrameworkData = { thresholds: null };
  if (ri < 0) warnings.push("catalog.back-matter: no Ringfence framework data; thresholds left empty and the default answer requirements used");
  else {
    const value = (resources[ri] as { base64?: { value?: unknown } }).base64?.value;
    try {
      const decoded: unknown = JSON.parse(fromBase64(String(value)));
      if (!isObject(decoded) || !("thresholds" in decoded)) throw new Error("no thresholds");
      data = decoded as unknown as FrameworkData;
      if (!("answerRequirements" in decoded)) warnings.push(`catalog.back-matter.resources[${ri}]: no answer requirements; the default rules used`);
    } catch {
      return { ok: false, errors: [{ path: `catalog.back-matter.resources[${ri}].base64.value`, message: "expected base64-encoded framework data JSON" }] };
    }
  }
  const exact = (key: string, got: string): string => {
    const original = data.exact?.[key];
    return original !== undefined && fitOscalString(original) === got ? original : got;
  };

  const meta = cat.metadata;
  const groupPaths: string[] = [];
  const controlPaths: string[][] = [];
  const domains = (cat.groups ?? []).map((g: OscalGroup, gi) => {
    const key = label(g.props) ?? (g.id ?? "").toUpperCase();
    groupPaths.push(`catalog.groups[${gi}]`);
    controlPaths.push((g.controls ?? []).map((_, ci) => `catalog.groups[${gi}].controls[${ci}]`));
    if (g.groups?.length) warnings.push(`catalog.groups[${gi}].groups: nested groups ignored`);
    return {
      key,
      title: exact(`domains.${key}.title`, g.title),
      description: g.parts?.find((p) => p.name === "overview")?.prose ?? "",
      controls: (g.controls ?? []).map((c) => readControl(c, exact)),
    };
  });
  if (cat.controls?.length) warnings.push("catalog.controls: controls outside a domain ignored");

  const raw = {
    format: FRAMEWORK_FORMAT,
    slug: rfValue(meta.props as OscalProp[] | undefined, "slug"),
    title: exact("title", String(meta.title)),
    description: typeof meta.remarks === "string" ? meta.remarks : "",
    publisher: exact("publisher", rfValue(meta.props as OscalProp[] | undefined, "publisher") ?? ""),
    version: meta.version,
    thresholds: data.thresholds,
    // Absent (older exports): the document schema's default rules apply.
    answerRequirements: data.answerRequirements,
    domains,
  };
  return { ok: true, conversion: { raw, groupPaths, controlPaths } };
}

function readControl(c: OscalControl, exact: (key: string, got: string) => string) {
  const id = label(c.props) ?? c.id.toUpperCase();
  const parts = c.parts ?? [];
  const guidance = (cls: string) => parts.find((p) => p.name === "guidance" && p.class === cls)?.prose ?? "";
  const rubricPart = parts.find((p) => p.name === "assessment-method" && p.class === "rubric");
  const levels = new Map<number, string>();
  let maxLevel = 4;
  for (const lp of rubricPart?.parts ?? ([] as OscalPart[])) {
    if (lp.name !== "rubric-level") continue;
    const n = Number(rfValue(lp.props, "level") ?? lp.class?.replace(/^level-/, ""));
    if (!Number.isInteger(n) || n < 0) continue;
    levels.set(n, lp.prose ?? "");
    maxLevel = Math.max(maxLevel, n);
  }
  return {
    id,
    title: exact(`controls.${id}.title`, c.title),
    statement: parts.find((p) => p.name === "statement")?.prose ?? "",
    vendorGuidance: guidance("vendor"),
    reviewerGuidance: guidance("reviewer"),
    applicability: { channels: rfValues(c.props, "channel"), kernelOnly: bool(rfValue(c.props, "kernel-only")) },
    weight: num(rfValue(c.props, "weight")),
    must: bool(rfValue(c.props, "must")),
    evidenceKinds: rfValues(c.props, "evidence-kind"),
    rubric: Array.from({ length: maxLevel + 1 }, (_, i) => levels.get(i)),
    mappings: (c.props ?? [])
      .filter((p) => p.ns === NS && p.name === "mapping")
      .map((p, i) => ({
        scheme: p.class,
        ref: exact(`controls.${id}.mappings[${i}].ref`, p.value),
        ...(p.remarks !== undefined ? { note: p.remarks } : {}),
      })),
  };
}
