import fc from "fast-check";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { ORG_KINDS, ROLE_ORG_KIND, ROLES, type Role } from "@/lib/auth/roles";
import * as admin from "@/lib/validations/admin";
import * as auth from "@/lib/validations/auth";
import * as cl from "@/lib/validations/clarifications";
import * as n from "@/lib/validations/notifications";
import * as rv from "@/lib/validations/review";
import {
  anyString,
  array,
  bool,
  coercedInt,
  custom,
  date,
  fail,
  INT4_MAX,
  int,
  oneOf,
  optional,
  text,
  uuid,
  withDefault,
  type Shape,
} from "@/test/helpers/shape";
import { line, lines, object, type SpecTable } from "./spec";

const A = "lib/validations/admin.ts";
const AU = "lib/validations/auth.ts";
const C = "lib/validations/clarifications.ts";
const N = "lib/validations/notifications.ts";
const RV = "lib/validations/review.ts";

const emailGen = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,20}$/), fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom("example", "example.org", "gov.uk"))
  .map(([local, host, tld]) => `${local.replace(/\.+$/, "").replace(/\.{2,}/g, ".")}@${host}.${tld}`);
const email = text(3, 254, { lower: true, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, gen: emailGen });
const newPassword: Shape = {
  gen: fc.string({ minLength: 12, maxLength: 40 }),
  check(out, input, path) {
    text(12, 256, { raw: true }).check(out, input, path);
    if (isCommonPassword(out as string)) fail(path, "common password accepted", out);
  },
};
const passwordPair = (current: boolean) =>
  object(
    { ...(current ? { current: text(1, 256, { raw: true }) } : {}), password: newPassword, confirm: anyString() },
    { also: (o, _i, path) => void (o.password !== o.confirm && fail(path, "passwords differ")) },
  );
const pairGen = (current: boolean) =>
  fc
    .record({ pw: fc.string({ minLength: 12, maxLength: 30 }), cur: fc.string({ minLength: 1, maxLength: 20 }) })
    .map(({ pw, cur }) => ({ ...(current ? { current: cur } : {}), password: pw, confirm: pw }));

/** A role must belong to the organisation kind the form named. */
const roleFits = (o: Record<string, unknown>, _i: unknown, path: string) => {
  if (o.organisationKind !== undefined && ROLE_ORG_KIND[o.role as Role] !== o.organisationKind)
    fail(`${path}.role`, "role does not fit the organisation kind", o.role);
};
const membership = { name: line(1, 120), organisationId: uuid(), organisationKind: optional(oneOf(ORG_KINDS)), role: oneOf(ROLES) };
/** A role with the organisation kind it belongs to (or no kind, as the server sees it). */
const fittingRole = (rest: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(rest, fc.constantFrom(...ROLES), fc.boolean())
    .map(([r, role, withKind]) => ({ ...r, role, ...(withKind ? { organisationKind: ROLE_ORG_KIND[role] } : {}) }));
const stringBool = () => bool({ fromString: true });
const trimmedAtLeast = (field: string, n: number) => (o: Record<string, unknown>, _i: unknown, path: string) =>
  void ((o[field] as string).trim().length < n && fail(`${path}.${field}`, `shorter than ${n}`, o[field]));
const remediationInput = object({ controlId: uuid(), action: lines(10, 2000), dueDate: date() });

export const REVIEW_SPECS: SpecTable = {
  [`${A}#organisationSchema`]: { schema: admin.organisationSchema, shape: object({ name: line(2, 120), kind: oneOf(ORG_KINDS) }) },
  [`${A}#userSchema`]: {
    schema: admin.userSchema,
    shape: object({ ...membership, email }, { also: roleFits }),
    valid: fittingRole(fc.record({ name: fc.constant("Ada Lovelace"), organisationId: fc.uuid(), email: emailGen })),
  },
  [`${A}#updateUserSchema`]: {
    schema: admin.updateUserSchema,
    shape: object({ ...membership, userId: uuid() }, { also: roleFits }),
    valid: fittingRole(fc.record({ name: fc.constant("Ada"), organisationId: fc.uuid(), userId: fc.uuid() })),
  },

  [`${AU}#emailSchema`]: { schema: auth.emailSchema, shape: email },
  [`${AU}#newPasswordSchema`]: { schema: auth.newPasswordSchema, shape: newPassword },
  [`${AU}#signInSchema`]: { schema: auth.signInSchema, shape: object({ email, password: text(1, 256, { raw: true }) }) },
  [`${AU}#setPasswordSchema`]: { schema: auth.setPasswordSchema, shape: passwordPair(false), valid: pairGen(false) },
  [`${AU}#changePasswordSchema`]: { schema: auth.changePasswordSchema, shape: passwordPair(true), valid: pairGen(true) },

  [`${C}#askClarificationSchema`]: {
    schema: cl.askClarificationSchema,
    shape: object({ attestationId: uuid(), controlId: uuid(), body: lines(1, cl.CLARIFICATION_BODY_MAX) }),
  },
  [`${C}#replyClarificationSchema`]: {
    schema: cl.replyClarificationSchema,
    shape: object({ clarificationId: uuid(), body: lines(1, cl.CLARIFICATION_BODY_MAX) }),
  },
  [`${C}#answerClarificationSchema`]: {
    schema: cl.answerClarificationSchema,
    shape: object({
      clarificationId: uuid(),
      body: lines(1, cl.CLARIFICATION_BODY_MAX),
      evidenceId: custom(fc.constantFrom("", null, undefined, "6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f"), (o, i, p) => {
        if (o === null) return void (i !== undefined && i !== null && i !== "" && fail(p, "an item became null", i));
        uuid().check(o, i, p);
      }),
    }),
  },
  [`${C}#resolveClarificationSchema`]: { schema: cl.resolveClarificationSchema, shape: object({ clarificationId: uuid() }) },

  [`${N}#notificationListSchema`]: {
    schema: n.notificationListSchema,
    neverRefuses: true,
    shape: object({ page: withDefault(coercedInt(1, 100_000), 1), missing: optional(anyString()) }),
  },
  [`${N}#outboxFilterSchema`]: {
    schema: n.outboxFilterSchema,
    neverRefuses: true,
    shape: object({ status: optional(oneOf(n.OUTBOX_STATUSES)), page: withDefault(coercedInt(1, 100_000), 1) }),
  },
  [`${N}#markNotificationReadSchema`]: { schema: n.markNotificationReadSchema, shape: object({ id: uuid() }) },
  [`${N}#markAllNotificationsReadSchema`]: { schema: n.markAllNotificationsReadSchema, shape: object({}) },

  [`${RV}#assignPanelSchema`]: {
    schema: rv.assignPanelSchema,
    shape: object(
      { attestationId: uuid(), memberIds: array(uuid(), 2, 12), leadUserId: uuid(), dueDate: date() },
      {
        also(o, _i, path) {
          const ids = o.memberIds as string[];
          if (!ids.includes(o.leadUserId as string)) fail(path, "the lead is not a member");
          if (new Set(ids).size !== ids.length) fail(path, "a member listed twice");
        },
      },
    ),
    valid: fc
      .record({ attestationId: fc.uuid(), memberIds: fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 12 }), dueDate: fc.constant("2026-06-30") })
      .map((v) => ({ ...v, leadUserId: v.memberIds[0] })),
  },
  [`${RV}#declareConflictSchema`]: {
    schema: rv.declareConflictSchema,
    shape: object(
      { attestationId: uuid(), hasConflict: stringBool(), note: lines(0, 2000) },
      { also: (o, i, p) => void (o.hasConflict === true && trimmedAtLeast("note", 10)(o, i, p)) },
    ),
  },
  [`${RV}#saveScoreSchema`]: {
    schema: rv.saveScoreSchema,
    shape: object({ attestationId: uuid(), controlId: uuid(), score: int(0, 4), rationale: lines(0, 4000), version: int(0, INT4_MAX - 1) }),
  },
  [`${RV}#attestationIdSchema`]: { schema: rv.attestationIdSchema, shape: object({ attestationId: uuid() }) },
  [`${RV}#requestChangesSchema`]: { schema: rv.requestChangesSchema, shape: object({ attestationId: uuid(), message: lines(10, 4000) }) },
  [`${RV}#commentSchema`]: { schema: rv.commentSchema, shape: object({ attestationId: uuid(), controlId: uuid(), body: lines(1, 4000) }) },
  [`${RV}#consensusSchema`]: {
    schema: rv.consensusSchema,
    shape: object({ attestationId: uuid(), controlId: uuid(), score: int(0, 4), note: lines(0, 4000) }),
  },
  [`${RV}#findingDispositionSchema`]: {
    schema: rv.findingDispositionSchema,
    shape: object({ attestationId: uuid(), rolloutRecordId: uuid(), findingKey: line(1, 200), note: lines(10, 2000) }),
  },
  [`${RV}#remediationInputSchema`]: { schema: rv.remediationInputSchema, shape: remediationInput },
  [`${RV}#signDecisionSchema`]: {
    schema: rv.signDecisionSchema,
    shape: object({ attestationId: uuid(), summary: lines(20, 8000), remediation: array(remediationInput, 0, 50) }),
  },
  [`${RV}#closeRemediationSchema`]: {
    schema: rv.closeRemediationSchema,
    shape: object({ itemId: uuid(), note: lines(10, 4000), evidenceId: optional(uuid()) }),
  },
  [`${RV}#reviewRemediationSchema`]: { schema: rv.reviewRemediationSchema, shape: object({ itemId: uuid(), accept: bool(), note: lines(0, 2000) }) },
  [`${RV}#reportPreparationSchema`]: {
    schema: rv.reportPreparationSchema,
    shape: object({
      attestationId: uuid(),
      vendorResponse: lines(0, 1500),
      publicSummary: stringBool(),
      ready: withDefault(stringBool(), false),
      version: int(0, INT4_MAX - 1),
    }),
  },
};
