// People for the scale organisations, so the load test can sign in as any role: an officer and a
// contributor per scale vendor, and panels of reviewers, auditors, observers and administrators.
// Everyone gets the demo password (one argon2id hash shared by all: scale data only).
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { hashPassword } from "@/lib/auth/password";
import { Table } from "./copy-table";

export const SCALE_STAFF = { reviewers: 40, auditors: 20, observers: 10, admins: 3 } as const;

export const officerEmail = (slug: string) => `officer@${slug}.example`;
export const contributorEmail = (slug: string) => `contributor@${slug}.example`;
export const staffEmail = (kind: "reviewer" | "auditor" | "observer" | "admin", n: number) =>
  `${kind}-${String(n).padStart(2, "0")}@${kind === "reviewer" ? "scale-platform" : kind === "admin" ? "scale-operator" : "scale-government"}.example`;

type Vendor = { id: string; slug: string; name: string };

/** Creates the people when the first scale officer is missing; returns how many were created. */
export async function seedScalePeople(sql: postgres.Sql): Promise<number> {
  const [done] = await sql`select 1 from users where lower(email) = ${officerEmail("scale-0001")}`;
  if (done) return 0;
  const hash = await hashPassword(DEMO_PASSWORD);
  const vendors = await sql<Vendor[]>`select id, slug, name from organisations where kind = 'vendor' and slug ~ '^scale-[0-9]+$' order by slug`;
  const orgs = await sql<
    { id: string; slug: string }[]
  >`select id, slug from organisations where slug in ('scale-platform', 'scale-government', 'scale-operator')`;
  const org = new Map(orgs.map((o) => [o.slug, o.id]));
  const now = new Date().toISOString();
  const t = {
    organisations: new Table("organisations", ["id", "name", "slug", "kind", "created_at", "updated_at"]),
    users: new Table("users", ["id", "email", "name", "password_hash", "created_at", "updated_at"]),
    memberships: new Table("memberships", ["user_id", "organisation_id", "role", "created_at", "updated_at"]),
  };
  if (!org.has("scale-operator")) {
    const id = randomUUID();
    t.organisations.add(id, "Scale Operations", "scale-operator", "operator", now, now);
    org.set("scale-operator", id);
  }
  const person = (email: string, name: string, organisationId: string, role: string) => {
    const id = randomUUID();
    t.users.add(id, email, name, hash, now, now);
    t.memberships.add(id, organisationId, role, now, now);
  };
  for (const v of vendors) {
    const n = v.slug.slice("scale-".length);
    person(officerEmail(v.slug), `Officer ${n}`, v.id, "vendor_officer");
    person(contributorEmail(v.slug), `Contributor ${n}`, v.id, "vendor_contributor");
  }
  const need = (slug: string) => {
    const id = org.get(slug);
    if (!id) throw new Error(`organisation ${slug} is missing: run npm run seed:scale first`);
    return id;
  };
  for (let i = 1; i <= SCALE_STAFF.reviewers; i++) person(staffEmail("reviewer", i), `Scale Reviewer ${i}`, need("scale-platform"), "platform_reviewer");
  for (let i = 1; i <= SCALE_STAFF.auditors; i++) person(staffEmail("auditor", i), `Scale Auditor ${i}`, need("scale-government"), "gov_auditor");
  for (let i = 1; i <= SCALE_STAFF.observers; i++) person(staffEmail("observer", i), `Scale Observer ${i}`, need("scale-government"), "gov_observer");
  for (let i = 1; i <= SCALE_STAFF.admins; i++) person(staffEmail("admin", i), `Scale Admin ${i}`, need("scale-operator"), "admin");
  const created = t.users.rows;
  await sql.begin(async (tx) => {
    for (const table of Object.values(t)) await table.copy(tx);
    // seed:scale's lead and co-signing auditor had no password: they can sign in now too.
    await tx`update users set password_hash = ${hash}, updated_at = now() where password_hash is null and email in ('scale-lead@scale.example', 'scale-auditor@scale.example')`;
  });
  return created;
}

export type ScaleVendor = {
  orgId: string;
  slug: string;
  name: string;
  officer: string;
  contributor: string;
  products: { id: string; name: string; kernelMode: boolean; platforms: string[]; channels: { channel: "code" | "content"; cadence: string }[] }[];
};
export type Staff = { id: string; orgId: string; role: string; email: string };
export type ScaleWorld = { vendors: ScaleVendor[]; staff: Staff[]; reviewers: Staff[]; auditors: Staff[]; admins: Staff[]; observers: Staff[] };

/** Everyone and everything the work and log seeders refer to, read back from the database. */
export async function loadScaleWorld(sql: postgres.Sql): Promise<ScaleWorld> {
  const rows = await sql<{ orgId: string; slug: string; name: string; officer: string; contributor: string }[]>`
    select o.id as "orgId", o.slug, o.name,
           (select u.id from users u where lower(u.email) = 'officer@' || o.slug || '.example') as officer,
           (select u.id from users u where lower(u.email) = 'contributor@' || o.slug || '.example') as contributor
    from organisations o where o.kind = 'vendor' and o.slug ~ '^scale-[0-9]+$' order by o.slug`;
  const products = await sql<(ScaleVendor["products"][number] & { orgId: string })[]>`
    select p.organisation_id as "orgId", p.id, p.name, p.kernel_mode as "kernelMode", p.platforms, p.channels
    from products p join organisations o on o.id = p.organisation_id where o.slug ~ '^scale-[0-9]+$' order by p.created_at, p.name`;
  const byOrg = new Map<string, ScaleVendor["products"]>();
  for (const { orgId, ...p } of products) byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), p]);
  const vendors = rows.map((r) => {
    if (!r.officer || !r.contributor) throw new Error(`${r.slug} has no officer or contributor`);
    return { ...r, products: byOrg.get(r.orgId) ?? [] };
  });
  const staff = await sql<Staff[]>`
    select u.id, m.organisation_id as "orgId", m.role::text as role, u.email
    from users u join memberships m on m.user_id = u.id
    where u.email ~ '@scale-(platform|government|operator)\\.example$' order by u.email`;
  const of = (role: string) => staff.filter((s) => s.role === role);
  return { vendors, staff, reviewers: of("platform_reviewer"), auditors: of("gov_auditor"), admins: of("admin"), observers: of("gov_observer") };
}
