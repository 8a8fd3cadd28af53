import "server-only";
import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import type { OrgKind, Role } from "@/lib/auth/roles";
import { containsPattern, fetchPage, ordered, totalCount } from "@/lib/server/list-sql";
import { LIST_PAGE_SIZE, type PeopleListQuery } from "@/lib/validations/lists";

/** The identity facts every authorization decision needs. */
export type Principal = {
  userId: string;
  email: string;
  name: string;
  active: boolean;
  sessionVersion: number;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: OrgKind;
};

export const principalColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  active: users.active,
  sessionVersion: users.sessionVersion,
  role: memberships.role,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationKind: organisations.kind,
};

export async function getPrincipalById(db: DbOrTx, userId: string): Promise<Principal | null> {
  const rows = await db
    .select(principalColumns)
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0] ?? null;
}

export async function getPrincipalForSignIn(db: DbOrTx, email: string): Promise<(Principal & { passwordHash: string | null }) | null> {
  const rows = await db
    .select({ ...principalColumns, passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}

/** Every organisation, or one page of them (`limit`, `offset`) in the same order. */
export async function listOrganisations(db: DbOrTx, page: { limit?: number; offset?: number } = {}) {
  const query = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      members: sql<number>`(select count(*)::int from memberships m where m.organisation_id = organisations.id)`,
    })
    .from(organisations)
    .orderBy(asc(organisations.kind), asc(organisations.name), asc(organisations.id));
  return page.limit === undefined ? query : query.limit(page.limit).offset(page.offset ?? 0);
}

export async function countOrganisations(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  return row?.n ?? 0;
}

export async function getOrganisation(db: DbOrTx, id: string) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, slug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.id, id))
    .limit(1);
  return rows[0] ?? null;
}

const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  active: users.active,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  lastSignInAt: users.lastSignInAt,
  role: memberships.role,
  organisationId: organisations.id,
  organisationName: organisations.name,
};

/** Everyone (or one organisation's people), or one page of them (`limit`, `offset`) in the same order. */
export async function listUsers(db: DbOrTx, filter: { organisationId?: string; limit?: number; offset?: number } = {}) {
  const query = db
    .select(personColumns)
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(filter.organisationId ? and(eq(organisations.id, filter.organisationId)) : undefined)
    .orderBy(asc(organisations.name), asc(users.name), asc(users.id));
  return filter.limit === undefined ? query : query.limit(filter.limit).offset(filter.offset ?? 0);
}

function peopleConditions(f: Omit<PeopleListQuery, "page" | "sort" | "dir">): SQL | undefined {
  const q = f.q ? containsPattern(f.q) : null;
  return and(
    f.org ? eq(memberships.organisationId, f.org) : undefined,
    f.role ? eq(memberships.role, f.role) : undefined,
    f.status === "deactivated" ? eq(users.active, false) : undefined,
    f.status === "active" ? and(eq(users.active, true), isNotNull(users.passwordHash)) : undefined,
    f.status === "invited" ? and(eq(users.active, true), isNull(users.passwordHash)) : undefined,
    q ? or(ilike(users.name, q), ilike(users.email, q), ilike(organisations.name, q)) : undefined,
  );
}

const PEOPLE_ORDER = {
  organisation: sql`lower(${organisations.name})`,
  name: sql`lower(${users.name})`,
  email: sql`lower(${users.email})`,
  role: memberships.role,
} satisfies Record<PeopleListQuery["sort"], unknown>;

/** One page of the administrators' list of people: searched, filtered, ordered and paged in SQL (then by name, ties by id). */
export async function listPeoplePage(db: DbOrTx, query: PeopleListQuery) {
  const where = peopleConditions(query);
  return fetchPage(
    query.page,
    LIST_PAGE_SIZE,
    (limit, offset) =>
      db
        .select({ ...personColumns, total: totalCount() })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(where)
        .orderBy(ordered(PEOPLE_ORDER[query.sort], query.dir), ordered(PEOPLE_ORDER.name, query.dir), query.dir === "asc" ? asc(users.id) : desc(users.id))
        .limit(limit)
        .offset(offset),
    async () => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(where);
      return row?.n ?? 0;
    },
  );
}

export async function countUsers(db: DbOrTx, filter: { organisationId?: string } = {}): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(filter.organisationId ? eq(memberships.organisationId, filter.organisationId) : undefined);
  return row?.n ?? 0;
}

export async function getUserForAdmin(db: DbOrTx, userId: string) {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      active: users.active,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      role: memberships.role,
      organisationId: memberships.organisationId,
      organisationKind: organisations.kind,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0] ?? null;
}
