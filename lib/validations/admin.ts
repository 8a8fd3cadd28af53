import { z } from "zod";
import { ORG_KINDS, ROLES, ROLE_ORG_KIND, ROLE_LABELS, ORG_KIND_LABELS, type OrgKind, type Role } from "@/lib/auth/roles";
import { emailSchema } from "./auth";
import { safeText } from "./common";

export const organisationSchema = z.object({
  name: safeText(120).min(2, "Enter the organisation's name (at least 2 characters)."),
  kind: z.enum(ORG_KINDS, { message: "Choose what kind of organisation this is." }),
});
export type OrganisationInput = z.input<typeof organisationSchema>;

export function roleMismatchMessage(role: Role, kind: OrgKind): string | null {
  if (ROLE_ORG_KIND[role] === kind) return null;
  return `${ROLE_LABELS[role]} does not fit a ${ORG_KIND_LABELS[kind].toLowerCase()}: it belongs to a ${ORG_KIND_LABELS[ROLE_ORG_KIND[role]].toLowerCase()}.`;
}

/**
 * The form sends the chosen organisation's kind for the client-side check; the
 * server looks the kind up itself and never trusts the one sent.
 */
function roleFits(v: { role: Role; organisationKind?: OrgKind }, ctx: z.RefinementCtx) {
  const message = v.organisationKind ? roleMismatchMessage(v.role, v.organisationKind) : null;
  if (message) ctx.addIssue({ code: "custom", path: ["role"], message });
}

const membershipFields = {
  name: safeText(120).min(1, "Enter the person's name."),
  organisationId: z.string().uuid("Choose an organisation."),
  organisationKind: z.enum(ORG_KINDS).optional(),
  role: z.enum(ROLES, { message: "Choose a role." }),
};

export const userSchema = z.object({ ...membershipFields, email: emailSchema }).superRefine(roleFits);
export type UserInput = z.input<typeof userSchema>;

export const updateUserSchema = z.object({ ...membershipFields, userId: z.string().uuid() }).superRefine(roleFits);
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** Page numbers of the administrators' long lists (people, organisations, review panels); anything malformed shows the first page. */
const listPage = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);
const adminListQuery = z.object({ page: listPage, org: z.string().optional().catch(undefined) });
const adminReviewsQuery = z.object({ waiting: listPage, panels: listPage });
type SearchParams = Record<string, string | string[] | undefined>;
const firstValues = (raw: SearchParams) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/** `?page=` (and `?org=` for people) of a long list; never fails. */
export function parseAdminListQuery(raw: SearchParams): z.output<typeof adminListQuery> {
  return adminListQuery.parse(firstValues(raw));
}

/** `?waiting=` and `?panels=`: the page of each section of the review panels list; never fails. */
export function parseAdminReviewsQuery(raw: SearchParams): z.output<typeof adminReviewsQuery> {
  return adminReviewsQuery.parse(firstValues(raw));
}

/** Rows per page of those lists. */
export const ADMIN_PAGE_SIZE = 100;
