import { z } from "zod";
import { safeText } from "./common";

/** A code from an authenticator app: six digits; spaces people type between groups are dropped. */
export const totpCodeSchema = z.object({
  code: z
    .string()
    .max(20, "Enter the 6-digit code from your authenticator app.")
    .transform((s) => s.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.")),
});

/** A recovery code as printed (XXXXX-XXXXX); case, spaces and dashes do not matter. */
export const recoveryCodeSchema = z.object({
  code: z
    .string()
    .max(40, "Enter one of your recovery codes, like 7KQ2M-WX9PA.")
    .transform((s) => s.toUpperCase().replace(/[^0-9A-Z]/g, ""))
    .pipe(z.string().regex(/^[2-9A-HJKMNP-Z]{10}$/, "Enter one of your recovery codes, like 7KQ2M-WX9PA.")),
});

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "not base64url");

/**
 * What the browser's WebAuthn API returned, as @simplewebauthn/browser serialises it.
 * Only the outline is checked here; the library verifies the content against the challenge.
 */
export const webauthnResponseSchema = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  // Strings (base64url data), the key's COSE algorithm number, and the list of transports.
  response: z
    .record(z.string().max(40), z.union([z.string().max(20_000), z.number().int().min(-65_536).max(65_536), z.array(z.string().max(20)).max(8)]))
    .refine((r) => Object.keys(r).length <= 12, "too many fields"),
  clientExtensionResults: z.record(z.string().max(40), z.unknown()).optional(),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).nullable().optional(),
});

export const verifyPasskeySchema = z.object({ response: webauthnResponseSchema });

export const registerPasskeySchema = z.object({
  label: safeText(60).min(1, "Name this passkey so you can recognise it later, for example “Work laptop”."),
  response: webauthnResponseSchema,
});

export const factorIdSchema = z.object({ id: z.string().uuid() });

/** The roles that must use a second factor; every other role may choose. */
export const mfaPolicySchema = z.object({
  required: z.array(z.enum(["vendor_officer", "vendor_contributor", "platform_reviewer", "gov_auditor", "gov_observer", "admin"])).max(6),
});
