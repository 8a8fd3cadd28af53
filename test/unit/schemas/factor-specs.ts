import fc from "fast-check";
import * as factors from "@/lib/validations/factors";
import { array, custom, fail, oneOf, optional, text, uuid, type Shape } from "@/test/helpers/shape";
import { object, type SpecTable } from "./spec";

const B64URL = /^[A-Za-z0-9_-]+$/;
const RECOVERY = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** Six digits out, whatever spaces came in; the digits are the ones sent. */
const totp = custom(fc.oneof(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{3} \d{3}$/)), (out, input, path) => {
  if (typeof out !== "string" || !/^\d{6}$/.test(out)) return fail(path, "not six digits", out);
  if (typeof input === "string" && out !== input.replace(/\s+/g, "")) fail(path, "not the digits sent", out);
});

/** Ten code characters out, from a code typed in any case with spaces or a dash. */
const recovery = custom(
  fc
    .array(fc.constantFrom(...RECOVERY), { minLength: 10, maxLength: 10 })
    .chain((cs) => fc.constantFrom(cs.join(""), `${cs.slice(0, 5).join("")}-${cs.slice(5).join("")}`, ` ${cs.join("").toLowerCase()} `)),
  (out, input, path) => {
    if (typeof out !== "string" || !/^[2-9A-HJKMNP-Z]{10}$/.test(out)) return fail(path, "not a recovery code", out);
    if (typeof input === "string" && out !== input.toUpperCase().replace(/[^0-9A-Z]/g, "")) fail(path, "not the code sent", out);
  },
);

const b64 = (max: number) => text(1, max, { pattern: B64URL, gen: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/) });

/** The browser's WebAuthn answer: its outline only (the library checks the content). */
const webauthn: Shape = object({
  id: b64(1400),
  rawId: b64(1400),
  type: oneOf(["public-key"] as const),
  response: custom(
    fc.dictionary(
      fc.constantFrom("clientDataJSON", "attestationObject", "authenticatorData", "signature", "userHandle"),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,200}$/),
      { maxKeys: 5 },
    ),
    (out, _in, path) => {
      if (typeof out !== "object" || out === null || Array.isArray(out)) return fail(path, "not an object", out);
      const entries = Object.entries(out as Record<string, unknown>);
      if (entries.length > 12) fail(path, "too many fields", out);
      for (const [k, v] of entries) {
        if (k.length > 40) fail(path, "key too long", k);
        const ok =
          (typeof v === "string" && v.length <= 20_000) ||
          (Number.isInteger(v) && Math.abs(v as number) <= 65_536) ||
          (Array.isArray(v) && v.length <= 8 && v.every((x) => typeof x === "string" && x.length <= 20));
        if (!ok) fail(`${path}.${k}`, "not a bounded string, a small integer or a list of short strings", v);
      }
    },
  ),
  clientExtensionResults: optional(
    custom(fc.constant({}), (out, _in, path) => void ((typeof out !== "object" || out === null) && fail(path, "not an object", out))),
  ),
  authenticatorAttachment: optional(
    custom(
      fc.constantFrom("platform", "cross-platform", null),
      (out, _in, path) => void (![null, "platform", "cross-platform", undefined].includes(out as string) && fail(path, "not an attachment", out)),
    ),
  ),
});

export const FACTOR_SPECS: SpecTable = {
  ["lib/validations/factors.ts#totpCodeSchema"]: { schema: factors.totpCodeSchema, shape: object({ code: totp }) },
  ["lib/validations/factors.ts#recoveryCodeSchema"]: { schema: factors.recoveryCodeSchema, shape: object({ code: recovery }) },
  ["lib/validations/factors.ts#webauthnResponseSchema"]: { schema: factors.webauthnResponseSchema, shape: webauthn },
  ["lib/validations/factors.ts#verifyPasskeySchema"]: { schema: factors.verifyPasskeySchema, shape: object({ response: webauthn }) },
  ["lib/validations/factors.ts#registerPasskeySchema"]: { schema: factors.registerPasskeySchema, shape: object({ label: text(1, 60), response: webauthn }) },
  ["lib/validations/factors.ts#factorIdSchema"]: { schema: factors.factorIdSchema, shape: object({ id: uuid() }) },
  ["lib/validations/factors.ts#mfaPolicySchema"]: {
    schema: factors.mfaPolicySchema,
    shape: object({
      required: array(oneOf(["vendor_officer", "vendor_contributor", "platform_reviewer", "gov_auditor", "gov_observer", "admin"] as const), 0, 6),
    }),
  },
};
