import fc from "fast-check";
import { EVIDENCE_KINDS } from "@/lib/catalog/schema";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS, TOKEN_SCOPE_VALUES } from "@/lib/rollouts/scopes";
import * as rollouts from "@/lib/validations/rollouts";
import * as v from "@/lib/validations/vendor";
import {
  array,
  bool,
  custom,
  fail,
  INT4_MAX,
  int,
  nullable,
  oneOf,
  optionalDate,
  date,
  searchText,
  text,
  union,
  uuid,
  withDefault,
  literal,
} from "@/test/helpers/shape";
import { recordShape, validRecords } from "./rollout-specs";
import { confirmed, line, lines, notBefore, object, type SpecTable } from "./spec";

const M = "lib/validations/vendor.ts";
const R = "lib/validations/rollouts.ts";

const meta = {
  title: line(2, 200),
  description: withDefault(lines(0, 2000), ""),
  evidenceDate: optionalDate(),
  validUntil: optionalDate(),
  classification: withDefault(oneOf(v.CLASSIFICATIONS), "reviewers_only"),
};
const validity = notBefore("validUntil", "evidenceDate");
const answerFields = {
  status: nullable(oneOf(v.IMPLEMENTATION_STATUSES)),
  narrative: lines(0, 20_000),
  maturity: nullable(int(0, 4)),
  justification: lines(0, 5_000),
  targetDate: nullable(date()),
  plan: lines(0, 10_000),
};

export const VENDOR_SPECS: SpecTable = {
  [`${M}#productSchema`]: {
    schema: v.productSchema,
    shape: object(
      {
        name: line(2, 120),
        platforms: line(1, 200),
        kernelMode: bool(),
        codeChannel: bool(),
        codeCadence: line(0, 60),
        contentChannel: bool(),
        contentCadence: line(0, 60),
      },
      {
        also(o, _i, path) {
          if (!o.codeChannel && !o.contentChannel) fail(path, "no update channel");
          if (o.codeChannel && !o.codeCadence) fail(path, "code channel without cadence");
          if (o.contentChannel && !o.contentCadence) fail(path, "content channel without cadence");
        },
      },
    ),
  },
  [`${M}#startAttestationSchema`]: {
    schema: v.startAttestationSchema,
    shape: object(
      { productId: uuid(), frameworkVersionId: uuid(), kind: oneOf(v.ATTESTATION_KINDS), periodStart: date(), periodEnd: date() },
      { also: notBefore("periodEnd", "periodStart") },
    ),
  },
  [`${M}#answerFieldsSchema`]: { schema: v.answerFieldsSchema, shape: object(answerFields) },
  [`${M}#saveAnswerSchema`]: {
    schema: v.saveAnswerSchema,
    shape: object({ ...answerFields, attestationId: uuid(), controlId: uuid(), version: int(0, INT4_MAX - 1) }),
  },
  [`${M}#evidenceLinksSchema`]: {
    schema: v.evidenceLinksSchema,
    shape: object({ attestationId: uuid(), controlId: uuid(), evidenceIds: array(uuid(), 0, 200) }),
  },
  [`${M}#urlEvidenceSchema`]: {
    schema: v.urlEvidenceSchema,
    shape: object({ ...meta, kind: oneOf(v.LINK_EVIDENCE_KINDS), url: urlField() }, { also: validity }),
  },
  [`${M}#uploadMetaSchema`]: {
    schema: v.uploadMetaSchema,
    shape: object({ ...meta, kind: oneOf(v.FILE_EVIDENCE_KINDS), fileName: line(1, 1_000) }, { also: validity }),
  },
  [`${M}#versionUploadSchema`]: { schema: v.versionUploadSchema, shape: object({ fileName: line(1, 1_000) }) },
  [`${M}#updateEvidenceSchema`]: {
    schema: v.updateEvidenceSchema,
    shape: object({ evidenceId: uuid(), ...meta, kind: oneOf(EVIDENCE_KINDS) }, { also: validity }),
  },
  [`${M}#evidenceIdSchema`]: { schema: v.evidenceIdSchema, shape: object({ evidenceId: uuid() }) },
  [`${M}#retireEvidenceSchema`]: { schema: v.retireEvidenceSchema, shape: object({ evidenceId: uuid(), retired: bool() }) },
  [`${M}#deleteEvidenceSchema`]: { schema: v.deleteEvidenceSchema, shape: object({ evidenceId: uuid(), confirm: confirmed() }) },
  // vaultFilterSchema: with the other lists, in list-specs.ts.
  [`${M}#searchEvidenceSchema`]: {
    schema: v.searchEvidenceSchema,
    shape: object({ q: searchText(200), kind: withDefault(union(oneOf(EVIDENCE_KINDS), literal("")), "") }),
  },
  [`${M}#signSchema`]: {
    schema: v.signSchema,
    shape: object({ attestationId: uuid(), signerName: line(3, 120), signerTitle: line(2, 120), confirm: confirmed() }),
  },
  [`${M}#attestationIdSchema`]: { schema: v.attestationIdSchema, shape: object({ attestationId: uuid() }) },
  [`${M}#withdrawSchema`]: { schema: v.withdrawSchema, shape: object({ attestationId: uuid(), reason: lines(10, 2_000), confirm: confirmed() }) },

  [`${R}#rolloutFormSchema`]: {
    schema: rollouts.rolloutFormSchema,
    shape: object({ productId: uuid(), record: recordShape }),
    valid: fc.record({ productId: fc.uuid(), record: validRecords }),
  },
  [`${R}#rolloutUploadSchema`]: {
    schema: rollouts.rolloutUploadSchema,
    shape: object(
      { productId: uuid(), format: oneOf(["auto", "json", "csv"]), text: text(1, 1024 * 1024, { raw: true }) },
      { also: (o, _i, path) => void (typeof o.text === "string" && o.text.trim() === "" && fail(`${path}.text`, "blank document accepted")) },
    ),
  },
  [`${R}#apiTokenSchema`]: {
    schema: rollouts.apiTokenSchema,
    shape: object({
      name: line(2, 80),
      scopes: array(oneOf(TOKEN_SCOPE_VALUES), 1, Number.MAX_SAFE_INTEGER),
      // A select sends the number as text: one of the offered lifetimes, the default when absent.
      lifetimeDays: withDefault(
        custom(fc.constantFrom<unknown>(...TOKEN_LIFETIME_DAYS, ...TOKEN_LIFETIME_DAYS.map(String)), (o, i, p) => {
          if (!(TOKEN_LIFETIME_DAYS as readonly unknown[]).includes(o) || (i !== undefined && Number(i) !== o)) fail(p, "not an offered lifetime", o);
        }),
        DEFAULT_TOKEN_LIFETIME_DAYS,
      ),
    }),
  },
  [`${R}#idSchema`]: { schema: rollouts.idSchema, shape: object({ id: uuid() }) },
};

/** A web address of evidence: http(s) only, at most 2,000 characters, storable. */
function urlField() {
  const s = line(1, 2_000);
  return {
    gen: fc.webUrl({ validSchemes: ["https", "http"] }),
    check(out: unknown, input: unknown, path: string) {
      s.check(out, input, path);
      if (!/^https?:\/\//i.test(out as string)) fail(path, "not an http(s) address", out);
    },
  };
}
