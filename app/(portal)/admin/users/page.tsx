import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { countOrganisations, getOrganisation, listOrganisations, listPeoplePage } from "@/lib/identity/queries";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { listLinks, parseListQuery } from "@/lib/http/list-params";
import { PERSON_STATUSES, PERSON_STATUS_LABELS, peopleListSchema } from "@/lib/validations/lists";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { DataTable, noMatchTitle, type Column } from "@/components/ui/data-table";
import { ListControls, type ListFilter } from "@/components/ui/list-controls";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "People" };

const PATH = "/admin/users";
/** Up to this many organisations are offered as a filter; beyond it, search by organisation name or start from the organisation. */
const ORG_CHOICES_MAX = 200;
type Row = Awaited<ReturnType<typeof listPeoplePage>>["rows"][number];

const COLUMNS: Column<Row>[] = [
  {
    key: "name",
    header: "Name",
    sortKey: "name",
    cell: (p) => (
      <Link href={`/admin/users/${p.id}`} className="text-brand-700 underline">
        {p.name}
      </Link>
    ),
  },
  { key: "email", header: "Email", sortKey: "email", className: "hidden md:table-cell break-all", cell: (p) => p.email },
  { key: "organisation", header: "Organisation", sortKey: "organisation", className: "hidden sm:table-cell", cell: (p) => p.organisationName },
  { key: "role", header: "Role", sortKey: "role", cell: (p) => ROLE_LABELS[p.role] },
  { key: "status", header: "Status", cell: (p) => (!p.active ? "Deactivated" : p.hasPassword ? "Active" : "Invited") },
];

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("admin.users");
  const query = parseListQuery(peopleListSchema, await searchParams);
  const db = await getDb();
  const orgFilter = query.org ? await getOrganisation(db, query.org) : null;
  const q = { ...query, org: orgFilter?.id };
  const links = listLinks(PATH, q, peopleListSchema.parse({}));
  const [list, orgCount] = await Promise.all([listPeoplePage(db, q), countOrganisations(db)]);
  const orgs = orgCount <= ORG_CHOICES_MAX ? await listOrganisations(db) : null;
  const filters: ListFilter[] = [
    { name: "role", label: "Role", value: q.role, anyLabel: "Any role", options: ROLES.map((r) => [r, ROLE_LABELS[r]] as const) },
    ...(orgs ? [{ name: "org", label: "Organisation", value: q.org, anyLabel: "Every organisation", options: orgs.map((o) => [o.id, o.name] as const) }] : []),
    { name: "status", label: "Status", value: q.status, anyLabel: "Any status", options: PERSON_STATUSES.map((s) => [s, PERSON_STATUS_LABELS[s]] as const) },
  ];
  const filtered = Boolean(q.q || q.role || q.org || q.status);
  return (
    <>
      <PageHeader
        title={orgFilter ? `People at ${orgFilter.name}` : "People"}
        description={
          orgFilter ? (
            <Link href={PATH} className="underline">
              Show everyone
            </Link>
          ) : (
            "Everyone with an account, by organisation."
          )
        }
        actions={
          <Link href="/admin/users/new" className={buttonClass()}>
            Invite a person
          </Link>
        }
      />
      <ListControls
        id="people"
        action={PATH}
        label="Find people"
        q={q.q}
        placeholder="Name, email or organisation"
        clearHref={links.clear}
        hidden={links.kept(filters.map((f) => f.name))}
        filters={filters}
      />
      <DataTable
        caption={orgFilter ? `People at ${orgFilter.name}` : "People"}
        columns={COLUMNS}
        rows={list.rows}
        rowKey={(p) => p.id}
        sort={{ key: q.sort, dir: q.dir, href: links.sort }}
        empty={
          filtered
            ? {
                reason: "no-match",
                title: noMatchTitle("Nobody", q.q, Boolean(q.role || q.org || q.status)),
                action: (
                  <Link href={links.clear} className="underline">
                    Show everyone
                  </Link>
                ),
              }
            : {
                reason: "none",
                title: "Nobody here yet.",
                body: "Invite a person to give them an account.",
                action: (
                  <Link href="/admin/users/new" className="underline">
                    Invite a person
                  </Link>
                ),
              }
        }
      />
      <Pager
        label="Pages of people"
        page={list.page}
        pageCount={list.pageCount}
        href={links.page}
        total={list.total}
        from={list.from}
        to={list.to}
        noun={["person", "people"]}
      />
    </>
  );
}
