import { z } from "zod";
import { isoDate, safeText } from "./common";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const uuid = z.preprocess(blank, z.uuid("This must be an id (a UUID).").optional());

/** The audit log browser's filter, read from the address (every field optional). */
export const auditFilterSchema = z.object({
  actor: uuid,
  org: uuid,
  action: z.preprocess(
    blank,
    z
      .string()
      .max(80)
      .regex(/^[a-z_.]+$/, "Use lower-case letters, dots and underscores only, for example evidence. or auth.sign_in_failed.")
      .optional(),
  ),
  objectType: z.preprocess(
    blank,
    z
      .string()
      .max(40)
      .regex(/^[a-z_]+$/, "Use lower-case letters and underscores only, for example attestation.")
      .optional(),
  ),
  // Text PostgreSQL can compare (no NUL), and days it can hold (years 1000-9999, as every date the portal takes).
  objectId: z.preprocess(blank, safeText(80).optional()),
  from: z.preprocess(blank, isoDate("This must be a date, YYYY-MM-DD.").optional()),
  to: z.preprocess(blank, isoDate("This must be a date, YYYY-MM-DD.").optional()),
  client: z.preprocess(
    blank,
    z
      .string()
      .max(64)
      .regex(/^[0-9A-Fa-f.:]+$/, "This must be an IPv4 or IPv6 address.")
      .optional(),
  ),
  /** Only events after this sequence number (the JSON export, for following the log). */
  after: z.preprocess(blank, z.coerce.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).optional()),
  before: z.preprocess(blank, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;
