import { ADMIN, EVERYONE, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Entries for the catalog pages, route handlers and actions.
// Readers see published and retired versions; drafts and every editing action are for administrators.
export const PAGES: PageEntries = {
  "app/(portal)/catalog/page.tsx": { url: "/catalog", access: EVERYONE },
  "app/(portal)/catalog/compare/page.tsx": { url: "/catalog/compare?from={version}&to={version}", access: EVERYONE },
  "app/(portal)/catalog/[versionId]/page.tsx": { url: "/catalog/{version}?q=ring&must=1", access: EVERYONE },
  "app/(portal)/catalog/[versionId]/controls/[controlId]/page.tsx": { url: "/catalog/{version}/controls/SDP-ROL-01", access: EVERYONE },
  "app/(portal)/admin/catalog/page.tsx": { url: "/admin/catalog", access: ADMIN },
  "app/(portal)/admin/catalog/import/page.tsx": { url: "/admin/catalog/import", access: ADMIN },
  "app/(portal)/admin/catalog/[versionId]/page.tsx": { url: "/admin/catalog/{version}", access: ADMIN },
  "app/(portal)/admin/catalog/[versionId]/domains/[key]/page.tsx": { url: "/admin/catalog/{version}/domains/ROL", access: ADMIN },
  "app/(portal)/admin/catalog/[versionId]/controls/new/page.tsx": { url: "/admin/catalog/{version}/controls/new?domain=ROL", access: ADMIN },
  "app/(portal)/admin/catalog/[versionId]/controls/[controlId]/page.tsx": { url: "/admin/catalog/{version}/controls/SDP-ROL-01", access: ADMIN },
};

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/api/catalog/schema.json/route.ts": { url: "/api/catalog/schema.json", methods: { GET: "public" } },
  "app/api/catalog/versions/[versionId]/export/route.ts": { url: "/api/catalog/versions/{version}/export?format=oscal", methods: { GET: EVERYONE } },
};

const A = "app/(portal)/admin/catalog/actions.ts";
const C = "app/(portal)/admin/catalog/[versionId]/actions.ts";
export const ACTIONS: ActionEntries = {
  [`${A}#createDraftVersionAction`]: ADMIN,
  [`${A}#updateVersionAction`]: ADMIN,
  [`${A}#publishVersionAction`]: ADMIN,
  [`${A}#retireVersionAction`]: ADMIN,
  [`${A}#importFrameworkAction`]: ADMIN,
  [`${C}#createDomainAction`]: ADMIN,
  [`${C}#updateDomainAction`]: ADMIN,
  [`${C}#deleteDomainAction`]: ADMIN,
  [`${C}#reorderDomainsAction`]: ADMIN,
  [`${C}#createControlAction`]: ADMIN,
  [`${C}#updateControlAction`]: ADMIN,
  [`${C}#deleteControlAction`]: ADMIN,
  [`${C}#reorderControlsAction`]: ADMIN,
};

// Looked up as an observer, so the sample is a version every role may read (never a draft).
export const SAMPLES: SampleEntries = {
  version: { as: "observer", page: "/catalog", pattern: /\/catalog\/([0-9a-f-]{36})/ },
};
