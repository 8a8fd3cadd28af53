import { FRAMEWORK_FORMAT, controlIdSchema } from "./schema";
import type { OscalControl, OscalGroup, OscalPart, OscalProp } from "./oscal-common";
import { flattenParts, makeParamResolver, type ParamResolver } from "./oscal-prose";

/** A framework built from OSCAL before validation, with the OSCAL location of each domain and control. */
export interface RawConversion {
  raw: Record<string, unknown>;
  groupPaths: string[];
  controlPaths: string[][];
}

type Catalog = { uuid: string; metadata: Record<string, unknown>; groups?: OscalGroup[]; controls?: OscalControl[] } & Record<string, unknown>;

const STATEMENT_PARTS = ["statement"];
const VENDOR_PARTS = ["guidance", "example", "examples", "discussion"];
const REVIEWER_PARTS = ["assessment-objective", "assessment-method", "objective", "assessment"];

/**
 * Any OSCAL catalog (not a Ringfence export) → a draft framework: top-level
 * groups become domains; controls and their nested controls (e.g. SSDF
 * practices and tasks) all become controls of that domain, in document order.
 * Rubrics are left as five empty descriptors to be written before publishing.
 */
export function foreignCatalogToRaw(cat: Catalog, warnings: string[]): RawConversion {
  const meta = cat.metadata;
  const props = (meta.props as OscalProp[] | undefined) ?? [];
  const title = String(meta.title);
  const ssdf =
    props.some((p) => p.name === "framework-identifier" && p.value.toUpperCase() === "SSDF") ||
    /\bSSDF\b|Secure Software Development Framework|800-218/i.test(title);
  const resolve = makeParamResolver(cat);

  const groupPaths: string[] = [];
  const controlPaths: string[][] = [];
  const usedKeys = new Set<string>();
  const domains: Record<string, unknown>[] = [];

  const addDomain = (key: string, dTitle: string, description: string, path: string, controls: Array<[OscalControl, string]>) => {
    const paths: string[] = [];
    const converted = controls.map(([c, p]) => {
      paths.push(p);
      return convertControl(c, p, ssdf, resolve, warnings);
    });
    domains.push({
      key,
      title: clip(dTitle, 200, `${path}.title`, warnings),
      description: clip(description, 4000, `${path} overview`, warnings),
      controls: converted,
    });
    groupPaths.push(path);
    controlPaths.push(paths);
  };

  (cat.groups ?? []).forEach((g, gi) => {
    const path = `catalog.groups[${gi}]`;
    const key = domainKey(g.id ?? g.title, usedKeys);
    if (key !== (g.id ?? "").toUpperCase()) warnings.push(`${path}: domain key ${key} derived from "${g.id ?? g.title}"`);
    const controls: Array<[OscalControl, string]> = [];
    collectGroupControls(g, path, controls, (nested) => warnings.push(`${nested}: nested group flattened into domain ${key}`));
    addDomain(key, g.title, flattenParts(g.parts ?? [], resolve), path, controls);
  });
  if (cat.controls?.length) {
    const key = domainKey("GEN", usedKeys);
    warnings.push(`catalog.controls: ungrouped controls placed in domain ${key} "General"`);
    const controls: Array<[OscalControl, string]> = [];
    cat.controls.forEach((c, ci) => collectControl(c, `catalog.controls[${ci}]`, controls));
    addDomain(key, "General", "", "catalog.controls", controls);
  }

  const raw = {
    format: FRAMEWORK_FORMAT,
    slug: slugFrom(props.find((p) => p.name === "framework-identifier")?.value ?? title),
    title: clip(title, 200, "catalog.metadata.title", warnings),
    description: typeof meta.remarks === "string" ? meta.remarks.trim() : "",
    publisher: publisherOf(meta, warnings),
    version: versionOf(meta.version, warnings),
    thresholds: null,
    domains,
  };
  warnings.push("rubrics are empty: write the five maturity descriptors of every control before publishing");
  return { raw, groupPaths, controlPaths };
}

function collectGroupControls(g: OscalGroup, path: string, out: Array<[OscalControl, string]>, nested: (p: string) => void) {
  (g.controls ?? []).forEach((c, ci) => collectControl(c, `${path}.controls[${ci}]`, out));
  (g.groups ?? []).forEach((sub, si) => {
    nested(`${path}.groups[${si}]`);
    collectGroupControls(sub, `${path}.groups[${si}]`, out, nested);
  });
}

function collectControl(c: OscalControl, path: string, out: Array<[OscalControl, string]>) {
  out.push([c, path]);
  (c.controls ?? []).forEach((sub, si) => collectControl(sub, `${path}.controls[${si}]`, out));
}

function convertControl(c: OscalControl, path: string, ssdf: boolean, resolve: ParamResolver, warnings: string[]) {
  const id = controlId(c.id, path, warnings);
  const parts = c.parts ?? [];
  const pick = (names: string[]) => parts.filter((p: OscalPart) => names.includes(p.name));
  let statement = flattenParts(pick(STATEMENT_PARTS), resolve, true);
  if (!statement) {
    statement = c.title;
    warnings.push(`${path}: no statement part; the title is used as the statement`);
  }
  const label = c.props?.find((p) => p.name === "label" && !p.ns)?.value;
  let title = c.title.trim();
  if (title.toUpperCase() === id || title === label) title = summary(statement, 120);
  return {
    id,
    title: clip(title, 200, `${path}.title`, warnings),
    statement: clip(statement, 4000, `${path} statement`, warnings),
    vendorGuidance: clip(flattenParts(pick(VENDOR_PARTS), resolve), 8000, `${path} guidance`, warnings),
    reviewerGuidance: clip(flattenParts(pick(REVIEWER_PARTS), resolve), 8000, `${path} assessment`, warnings),
    applicability: { channels: ["code", "content"], kernelOnly: false },
    weight: 1,
    must: false,
    evidenceKinds: ["document"],
    rubric: ["", "", "", "", ""],
    mappings: [ssdf ? { scheme: "nist-ssdf", ref: id } : { scheme: "other", ref: clip(label ?? c.id, 100, `${path} label`, warnings) }],
  };
}

function controlId(oscalId: string, path: string, warnings: string[]): string {
  const upper = oscalId.trim().toUpperCase();
  if (controlIdSchema.safeParse(upper).success) return upper;
  let fixed = upper
    .replace(/[^A-Z0-9.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[^A-Z]+/, "")
    .replace(/[-.]+$/, "");
  fixed = fixed.replace(/\.-|-\./g, ".");
  if (!controlIdSchema.safeParse(fixed).success) fixed = `C-${fixed.replace(/[^A-Z0-9]/g, "") || "X"}`;
  warnings.push(`${path}.id: "${oscalId}" is not a Ringfence control id; imported as ${fixed}`);
  return fixed;
}

function domainKey(source: string, used: Set<string>): string {
  let key = source.toUpperCase().replace(/[^A-Z0-9]/g, "");
  key = key.replace(/^[0-9]+/, "");
  if (!key) key = "D";
  if (key.length < 2) key = `${key}X`;
  key = key.slice(0, 10);
  for (let n = 2; used.has(key); n++) key = `${key.slice(0, 10 - String(n).length)}${n}`;
  used.add(key);
  return key;
}

/** First sentence of `text`, cut at a word boundary near `max` characters. */
function summary(text: string, max: number): string {
  const first = text.split("\n")[0]?.trim() ?? "";
  // A sentence ends at . ! ? followed by a capitalised word (so "etc., e.g. and i.e. foo" do not end it).
  const sentence = (first.match(/^.*?[.!?](?=\s+[\p{Lu}\d“"(]|$)/u)?.[0] ?? first).replace(/[.!?]$/, "");
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

function clip(text: string, max: number, where: string, warnings: string[]): string {
  const t = text.trim();
  if (t.length <= max) return t;
  warnings.push(`${where}: shortened to ${max} characters`);
  return t.slice(0, max).trimEnd();
}

function slugFrom(source: string): string {
  const words = source
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let slug = "";
  for (const w of words) {
    if (slug && slug.length + w.length + 1 > 60) break;
    slug = slug ? `${slug}-${w}` : w.slice(0, 60);
  }
  return slug || "imported-catalog";
}

function versionOf(version: unknown, warnings: string[]): string {
  const found = typeof version === "string" ? version.match(/\d+\.\d+(\.\d+)?/)?.[0] : undefined;
  if (found && found === version) return found;
  const v = found ?? "1.0";
  warnings.push(`catalog.metadata.version: "${String(version ?? "")}" imported as ${v}`);
  return v;
}

function publisherOf(meta: Record<string, unknown>, warnings: string[]): string {
  const parties = Array.isArray(meta.parties) ? (meta.parties as Array<Record<string, unknown>>) : [];
  const rps = Array.isArray(meta["responsible-parties"]) ? (meta["responsible-parties"] as Array<Record<string, unknown>>) : [];
  const byRole = (role: string) => {
    const uuids = rps.find((r) => r["role-id"] === role)?.["party-uuids"];
    const uuid = Array.isArray(uuids) ? uuids[0] : undefined;
    return parties.find((p) => p.uuid === uuid)?.name;
  };
  const name = byRole("publisher") ?? byRole("creator") ?? parties[0]?.name;
  if (typeof name === "string" && name.trim()) return name.trim().slice(0, 200);
  warnings.push("catalog.metadata.parties: no publisher found; set one before publishing");
  return "Unknown publisher";
}
