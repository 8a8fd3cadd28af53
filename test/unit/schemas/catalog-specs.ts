import fc from "fast-check";
import * as draft from "@/lib/catalog/draft-schema";
import { smallFramework } from "@/lib/catalog/fixtures/small-framework";
import * as cs from "@/lib/catalog/schema";
import * as cv from "@/lib/validations/catalog";
import { ANSWER_FIELDS, ANSWER_STATUSES, DEFAULT_ANSWER_REQUIREMENTS } from "@/lib/catalog/answer-requirements";
import { array, bool, fail, int, literal, nullable, num, oneOf, optional, text, uuid, type Shape } from "@/test/helpers/shape";
import { line, lines, object, type SpecTable } from "./spec";

const V = "lib/validations/catalog.ts";
const S = "lib/catalog/schema.ts";
const D = "lib/catalog/draft-schema.ts";
const MANY = Number.MAX_SAFE_INTEGER;

/**
 * Identifiers that land in unique indexes (control ids, domain keys, slugs, versions) must
 * also fit a PostgreSQL btree entry: a few hundred characters at most, and in practice 100.
 */
const controlId = text(1, 100, { pattern: /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*(\.[A-Za-z0-9]+)*$/, gen: fc.constantFrom("SDP-ROL-03", "A", "X1-Y2.a", "ROL-01.2") });
const domainKey = text(2, 10, { pattern: /^[A-Z][A-Z0-9]{1,9}$/, gen: fc.constantFrom("ROL", "TST", "K9") });
const slug = text(1, 100, { pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, gen: fc.constantFrom("sdp", "safe-deployment-principles", "x-1") });
const version = text(3, 30, { pattern: /^\d+\.\d+(\.\d+)?$/, gen: fc.constantFrom("1.0", "1.2.1", "10.20.30") });

const testKinds = array(oneOf(cs.TEST_KINDS), 0, MANY);
const minutes = object({ code: num(0), content: num(0) });
const thresholdsFields = {
  maxFirstRingPct: num(0, 100),
  minBakeMinutes: minutes,
  maxExposureStepPct: num(0, 100),
  maxMinutesToHalt: num(0),
  requiredTestKinds: object({ code: testKinds, content: testKinds }),
  kernelModeMinBakeMinutes: optional(minutes),
  globalPushPct: optional(num(0, 100)),
};
const thresholds = object(thresholdsFields);
/** Every status, each with every field as a boolean: no status or field may be left out. */
const fieldRequirements = object(Object.fromEntries(ANSWER_FIELDS.map((f) => [f, bool()])));
const answerRequirements = object(Object.fromEntries(ANSWER_STATUSES.map((s) => [s, fieldRequirements])));
/** Absent from a document (exported before versions carried it): the default rules, as a fresh copy. */
const answerRequirementsOrDefault: Shape = {
  gen: fc.option(answerRequirements.gen, { nil: undefined }),
  optional: true,
  check(out, input, path) {
    if (input === undefined && JSON.stringify(out) !== JSON.stringify(DEFAULT_ANSWER_REQUIREMENTS)) fail(path, "absent, so should be the default rules", out);
    if (out === DEFAULT_ANSWER_REQUIREMENTS) fail(path, "the shared default object itself, not a copy");
    answerRequirements.check(out, input, path);
  },
};
const mapping = object({ scheme: oneOf(cs.MAPPING_SCHEMES), ref: lines(1, 100), note: optional(lines(0, 500)) });
const rubric = array(lines(1, 2000), 5, 5);
const draftRubric = array(lines(0, 2000), 5, 5);
const applicability = object({ channels: array(oneOf(cs.UPDATE_CHANNELS), 1, MANY), kernelOnly: bool() });
const controlFields = {
  id: controlId,
  title: lines(1, 200),
  statement: lines(1, 4000),
  vendorGuidance: lines(0, 8000),
  reviewerGuidance: lines(0, 8000),
  applicability,
  weight: int(1, 5),
  must: bool(),
  evidenceKinds: array(oneOf(cs.EVIDENCE_KINDS), 1, MANY),
  rubric,
  mappings: array(mapping, 0, MANY),
};
const control = object(controlFields);
const draftControl = object({ ...controlFields, rubric: draftRubric });
const domainFields = { key: domainKey, title: lines(1, 200), description: lines(0, 4000) };
const domain = object({ ...domainFields, controls: array(control, 0, MANY) });
const draftDomain = object({ ...domainFields, controls: array(draftControl, 0, MANY) });

/** Domain keys and control ids are unique across the document. */
function uniqueIds(doc: Record<string, unknown>, _in: unknown, path: string): void {
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const d of doc.domains as { key: string; controls: { id: string }[] }[]) {
    if (keys.has(d.key)) fail(path, "domain key used twice", d.key);
    keys.add(d.key);
    for (const c of d.controls) {
      if (ids.has(c.id)) fail(path, "control id used twice", c.id);
      ids.add(c.id);
    }
  }
}
const documentFields = {
  format: literal(cs.FRAMEWORK_FORMAT),
  slug,
  title: lines(1, 200),
  description: lines(0, 8000),
  publisher: lines(1, 200),
  version,
  thresholds: nullable(thresholds),
  answerRequirements: answerRequirementsOrDefault,
};
const frameworkDocument = object({ ...documentFields, domains: array(domain, 1, MANY) }, { also: uniqueIds });
const draftDocument = object({ ...documentFields, domains: array(draftDomain, 1, MANY) }, { also: uniqueIds });

const controls = smallFramework.domains.flatMap((d) => d.controls);
const validControl = fc.constantFrom(...controls);
const validDomain = fc.constantFrom(...smallFramework.domains);
const validThresholds = fc.constant(smallFramework.thresholds!);
const fromControl = (c: (typeof controls)[number]) => ({
  domainKey: "ROL",
  id: c.id,
  title: c.title,
  statement: c.statement,
  vendorGuidance: c.vendorGuidance,
  reviewerGuidance: c.reviewerGuidance,
  channels: c.applicability.channels,
  kernelOnly: c.applicability.kernelOnly,
  weight: c.weight,
  must: c.must,
  evidenceKinds: c.evidenceKinds,
  rubric: c.rubric,
  mappings: c.mappings.map((m) => ({ scheme: m.scheme, ref: m.ref, note: m.note ?? "" })),
});

const anyOf = (s: Shape, valid: fc.Arbitrary<unknown>) => ({ shape: s, valid });

export const CATALOG_SPECS: SpecTable = {
  [`${S}#controlIdSchema`]: { schema: cs.controlIdSchema, shape: controlId },
  [`${S}#mappingSchema`]: { schema: cs.mappingSchema, ...anyOf(mapping, fc.constantFrom(...controls.flatMap((c) => c.mappings))) },
  [`${S}#rubricSchema`]: { schema: cs.rubricSchema, ...anyOf(rubric, fc.constantFrom(...controls.map((c) => c.rubric))) },
  [`${S}#draftRubricSchema`]: { schema: cs.draftRubricSchema, shape: draftRubric },
  [`${S}#applicabilitySchema`]: { schema: cs.applicabilitySchema, shape: applicability },
  [`${S}#controlSchema`]: { schema: cs.controlSchema, ...anyOf(control, validControl) },
  [`${S}#domainSchema`]: { schema: cs.domainSchema, ...anyOf(domain, validDomain) },
  [`${S}#answerRequirementsSchema`]: {
    schema: cs.answerRequirementsSchema,
    ...anyOf(answerRequirements, fc.constantFrom(DEFAULT_ANSWER_REQUIREMENTS, smallFramework.answerRequirements)),
  },
  [`${S}#rolloutThresholdsSchema`]: { schema: cs.rolloutThresholdsSchema, ...anyOf(thresholds, validThresholds) },
  [`${S}#frameworkDocumentSchema`]: { schema: cs.frameworkDocumentSchema, ...anyOf(frameworkDocument, fc.constant(smallFramework)) },
  [`${D}#draftControlSchema`]: { schema: draft.draftControlSchema, ...anyOf(draftControl, validControl) },
  [`${D}#draftDomainSchema`]: { schema: draft.draftDomainSchema, ...anyOf(draftDomain, validDomain) },
  [`${D}#draftFrameworkDocumentSchema`]: { schema: draft.draftFrameworkDocumentSchema, ...anyOf(draftDocument, fc.constant(smallFramework)) },

  [`${V}#thresholdsFormSchema`]: { schema: cv.thresholdsFormSchema, ...anyOf(thresholds, validThresholds) },
  [`${V}#versionMetaSchema`]: {
    schema: cv.versionMetaSchema,
    ...anyOf(
      object({
        title: lines(1, 200),
        description: lines(0, 8000),
        publisher: lines(1, 200),
        version,
        hasThresholds: bool(),
        thresholds: optional(nullable(thresholds)),
        answerRequirements,
      }),
      fc.record({
        title: fc.constant("T"),
        description: fc.constant(""),
        publisher: fc.constant("P"),
        version: fc.constant("1.0"),
        hasThresholds: fc.boolean(),
        thresholds: fc.option(validThresholds, { nil: null }),
        answerRequirements: answerRequirements.gen,
      }),
    ),
  },
  [`${V}#domainFormSchema`]: { schema: cv.domainFormSchema, shape: object(domainFields) },
  [`${V}#mappingFormSchema`]: { schema: cv.mappingFormSchema, shape: object({ scheme: oneOf(cs.MAPPING_SCHEMES), ref: line(1, 100), note: lines(0, 500) }) },
  [`${V}#controlFormSchema`]: {
    schema: cv.controlFormSchema,
    ...anyOf(
      object({
        domainKey,
        id: controlId,
        title: lines(1, 200),
        statement: lines(1, 4000),
        vendorGuidance: lines(0, 8000),
        reviewerGuidance: lines(0, 8000),
        channels: array(oneOf(cs.UPDATE_CHANNELS), 1, MANY),
        kernelOnly: bool(),
        weight: int(1, 5),
        must: bool(),
        evidenceKinds: array(oneOf(cs.EVIDENCE_KINDS), 1, MANY),
        rubric: draftRubric,
        mappings: array(object({ scheme: oneOf(cs.MAPPING_SCHEMES), ref: line(1, 100), note: lines(0, 500) }), 0, MANY),
      }),
      validControl.map(fromControl),
    ),
  },
  [`${V}#versionRefSchema`]: { schema: cv.versionRefSchema, shape: object({ versionId: uuid() }) },
  [`${V}#domainRefSchema`]: { schema: cv.domainRefSchema, shape: object({ versionId: uuid(), key: line(1, 20) }) },
  [`${V}#controlRefSchema`]: { schema: cv.controlRefSchema, shape: object({ versionId: uuid(), controlId: line(1, 100) }) },
  [`${V}#reorderDomainsSchema`]: { schema: cv.reorderDomainsSchema, shape: object({ versionId: uuid(), keys: array(line(1, 20), 1, 200) }) },
  [`${V}#reorderControlsSchema`]: {
    schema: cv.reorderControlsSchema,
    shape: object({ versionId: uuid(), domainKey: line(1, 20), controlIds: array(line(1, 100), 1, 1000) }),
  },
  [`${V}#importSchema`]: {
    schema: cv.importSchema,
    ...anyOf(object({ text: text(1, 5_000_000, { raw: true }) }), fc.constantFrom({ text: JSON.stringify(smallFramework) }, { text: "{}" })),
  },
};
