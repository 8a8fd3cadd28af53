// Who the load test signs in as and which pages each of them requests: the pages of the role's
// navigation plus detail pages of objects that person may see (their own attestations, panels they
// sit on, published reports), read from the database seeded by npm run seed:load.
import type postgres from "postgres";

/** A page request: [the page's route, for the figures; the URL]. `k` varies the object chosen. */
export type PageFn = (k: number) => [string, string];
export type Client = { email: string; role: string; address: string; pages: PageFn[] };

const fixed =
  (url: string): PageFn =>
  () => [url, url];
const oneOf = (route: string, urls: string[]): PageFn[] => (urls.length ? [(k) => [route, urls[(k * 7919) % urls.length]!]] : []);

/** The mix of 50: vendor officers of 20 organisations, contributors, reviewers, auditors, observers and administrators. */
const MIX = { vendor_officer: 0.42, vendor_contributor: 0.1, platform_reviewer: 0.16, gov_auditor: 0.12, gov_observer: 0.12, admin: 0.08 } as const;

export async function chooseClients(sql: postgres.Sql, n: number): Promise<Client[]> {
  const reports = (await sql<{ id: string }[]>`select id from published_reports where superseded_by is null order by id limit 400`).map(
    (r) => `/reports/${r.id}`,
  );
  const periods = await sql<{ p: string }[]>`select distinct to_char(period_start, 'YYYY-MM-DD') as p from published_reports order by 1`;
  const dashboards = ["/reports", ...periods.map((p) => `/reports?period=${p.p}`), "/reports?outcome=does_not_meet"];
  const adminReviews = (
    await sql<{ id: string }[]>`select a.id from attestations a join attestation_submissions s on s.attestation_id = a.id order by s.signed_at desc limit 300`
  ).map((r) => `/admin/reviews/${r.id}`);
  const clients: Client[] = [];
  const add = (email: string, role: string, pages: PageFn[]) =>
    clients.push({ email, role, address: `10.77.${Math.floor(clients.length / 250)}.${(clients.length % 250) + 1}`, pages });
  const count = (role: keyof typeof MIX) => Math.max(1, Math.round(n * MIX[role]));

  for (const role of ["vendor_officer", "vendor_contributor"] as const) {
    // Spread over the scale vendors, plus the demo's Aegis (which has evidence, rollouts and reviews).
    const people = await sql<{ email: string; org: string }[]>`
      select u.email, m.organisation_id as org from users u join memberships m on m.user_id = u.id
      where m.role = ${role} and (u.email ~ '@scale-[0-9]+\\.example$' or u.email like '%@aegis.example') and u.password_hash is not null
      order by (u.email like '%@aegis.example') desc, u.email`;
    const step = Math.max(1, Math.floor(people.length / count(role)));
    for (const p of people.filter((_, i) => i === 0 || i % step === 0).slice(0, count(role))) {
      const own = await sql<{ id: string; status: string }[]>`select id, status from attestations where organisation_id = ${p.org} order by updated_at desc`;
      const products = await sql<{ id: string }[]>`select id from products where organisation_id = ${p.org}`;
      add(p.email, role, [
        fixed("/"),
        fixed("/vendor"),
        fixed("/vendor/products"),
        fixed("/vendor/attestations"),
        fixed("/vendor/evidence"),
        fixed("/vendor/rollouts"),
        fixed("/notifications"),
        fixed("/catalog"),
        fixed("/account"),
        ...oneOf(
          "/vendor/attestations/[id]",
          own.map((a) => `/vendor/attestations/${a.id}`),
        ),
        ...oneOf(
          "/vendor/products/[id]",
          products.map((x) => `/vendor/products/${x.id}`),
        ),
      ]);
    }
  }
  for (const role of ["platform_reviewer", "gov_auditor"] as const) {
    const people = await sql<{ email: string; ids: string[] }[]>`
      select u.email, array_agg(a.id::text order by a.updated_at desc) filter (where a.id is not null) as ids
      from users u join memberships m on m.user_id = u.id
      left join panel_members pm on pm.user_id = u.id and pm.conflict = 'none' and pm.removed_at is null
      left join review_panels rp on rp.id = pm.panel_id
      left join attestations a on a.lineage_id = rp.lineage_id and a.status in ('in_review', 'reconciliation', 'decided', 'changes_requested')
      where m.role = ${role} and u.password_hash is not null group by u.email order by count(a.id) desc, u.email limit ${count(role)}`;
    for (const p of people)
      add(p.email, role, [
        fixed("/"),
        fixed("/review"),
        ...oneOf(
          "/review/[id]",
          (p.ids ?? []).map((id) => `/review/${id}`),
        ),
        fixed("/reports"),
        ...oneOf("/reports/[id]", reports),
        fixed("/notifications"),
        fixed("/catalog"),
      ]);
  }
  const observers = await sql<
    { email: string }[]
  >`select u.email from users u join memberships m on m.user_id = u.id where m.role = 'gov_observer' and u.password_hash is not null order by u.email limit ${count("gov_observer")}`;
  for (const p of observers)
    add(p.email, "gov_observer", [
      fixed("/"),
      ...oneOf("/reports?…", dashboards),
      ...oneOf("/reports/[id]", reports),
      ...oneOf("/reports/[id]", reports),
      fixed("/notifications"),
      fixed("/catalog"),
    ]);
  const admins = await sql<
    { email: string }[]
  >`select u.email from users u join memberships m on m.user_id = u.id where m.role = 'admin' and u.password_hash is not null order by u.email limit ${count("admin")}`;
  for (const p of admins) {
    add(p.email, "admin", [
      fixed("/"),
      fixed("/admin"),
      fixed("/admin/organisations"),
      fixed("/admin/users"),
      fixed("/admin/reviews"),
      ...oneOf("/admin/reviews/[id]", adminReviews),
      fixed("/admin/outbox"),
      fixed("/admin/catalog"),
      fixed("/reports"),
      ...oneOf("/reports/[id]", reports),
      fixed("/notifications"),
    ]);
  }
  return clients.slice(0, n);
}
