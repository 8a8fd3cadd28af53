import { ATTESTATION_STATUSES } from "@/db/schema/vendor";
import { ROLES } from "@/lib/auth/roles";
import { SEVERITIES } from "@/lib/rollouts/analysis/types";
import { choiceFilter, idFilter, listQuerySchema } from "@/lib/http/list-params";

/** Rows per page of the vendor's and the administrators' lists. */
export const LIST_PAGE_SIZE = 25;

/** "none": records whose analysis found nothing. */
export const FINDING_FILTERS = [...SEVERITIES, "none"] as const;
export const ROLLOUT_STATES = ["open", "closed"] as const;
export const CHANNELS = ["code", "content"] as const;

/** The rollouts list: `?q=` searches release, version and product. */
export const rolloutListSchema = listQuerySchema({
  sorts: { released: "desc", release: "asc", product: "asc", finding: "desc" },
  defaultSort: "released",
  filters: { product: idFilter(), channel: choiceFilter(CHANNELS), finding: choiceFilter(FINDING_FILTERS), state: choiceFilter(ROLLOUT_STATES) },
});
export type RolloutListQuery = ReturnType<typeof rolloutListSchema.parse>;

/** The attestations list: `?q=` searches product and catalog. */
export const attestationListSchema = listQuerySchema({
  sorts: { updated: "desc", product: "asc", period: "desc", status: "asc" },
  defaultSort: "updated",
  filters: { status: choiceFilter(ATTESTATION_STATUSES), product: idFilter() },
});
export type AttestationListQuery = ReturnType<typeof attestationListSchema.parse>;

export const PERSON_STATUSES = ["active", "invited", "deactivated"] as const;
export const PERSON_STATUS_LABELS: Record<(typeof PERSON_STATUSES)[number], string> = { active: "Active", invited: "Invited", deactivated: "Deactivated" };

/** The administrators' list of people: `?q=` searches name, email and organisation. */
export const peopleListSchema = listQuerySchema({
  sorts: { organisation: "asc", name: "asc", email: "asc", role: "asc" },
  defaultSort: "organisation",
  filters: { role: choiceFilter(ROLES), org: idFilter(), status: choiceFilter(PERSON_STATUSES) },
});
export type PeopleListQuery = ReturnType<typeof peopleListSchema.parse>;
