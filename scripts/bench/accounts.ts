// Accounts and sample pages in a database filled by seed:scale, shared by the benches that serve it
// (npm run bench, npm run bench:statements). The scale data has people but no passwords, no
// administrator and no observer: five bench accounts get a password here (second factors optional
// in these throwaway databases), and pages about one item are found in the data.
import postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";

export const BENCH_PASSWORD = "bench-statements-2026";
export type Account = { role: Role; email: string };

const open = (databaseUrl: string) => postgres(databaseUrl, { max: 1, onnotice: () => {} });

/** An administrator and an observer made here, the scale data's lead reviewer, first auditor and first vendor's officer. */
export async function prepareAccounts(databaseUrl: string): Promise<Account[]> {
  const sql = open(databaseUrl);
  try {
    const hash = await hashPassword(BENCH_PASSWORD);
    const [officer] = await sql<{ email: string }[]>`select email from users where email like 'scale-officer@%' order by email limit 1`;
    const [gov] = await sql<{ id: string }[]>`select id from organisations where slug = 'scale-government'`;
    // A database kept between runs already has them.
    const [existing] = await sql<{ id: string }[]>`select id from organisations where slug = 'bench-operators'`;
    const operator =
      existing ??
      (await sql<{ id: string }[]>`insert into organisations (name, slug, kind) values ('Bench Operators', 'bench-operators', 'operator') returning id`)[0]!;
    const add = async (email: string, name: string, org: string, role: Role) => {
      const [u] = await sql<{ id: string }[]>`insert into users (email, name) values (${email}, ${name}) on conflict do nothing returning id`;
      if (u) await sql`insert into memberships (user_id, organisation_id, role) values (${u.id}, ${org}, ${role})`;
    };
    await add("bench-admin@bench.example", "Bench Administrator", operator.id, "admin");
    await add("bench-observer@bench.example", "Bench Observer", gov!.id, "gov_observer");
    const accounts: Account[] = [
      { role: "admin", email: "bench-admin@bench.example" },
      { role: "gov_observer", email: "bench-observer@bench.example" },
      { role: "platform_reviewer", email: "scale-lead@scale.example" },
      { role: "gov_auditor", email: "scale-auditor@scale.example" },
      { role: "vendor_officer", email: officer!.email },
    ];
    await sql`update users set password_hash = ${hash} where email in ${sql(accounts.map((a) => a.email))}`;
    await sql`update mfa_policy set required = false`;
    return accounts;
  } finally {
    await sql.end();
  }
}

/** The officer's organisation and its first attestation and rollout record. */
export async function officerSamples(
  databaseUrl: string,
  officerEmail: string,
): Promise<{ organisationId: string; attestationId: string | null; rolloutId: string | null }> {
  const sql = open(databaseUrl);
  try {
    const [org] = await sql<{ id: string }[]>`
      select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = ${officerEmail}`;
    const [att] = await sql<{ id: string }[]>`
      select a.id from attestations a join products p on p.id = a.product_id where p.organisation_id = ${org!.id} order by a.id limit 1`;
    // Not one the bench's "API create" row added: the next run deletes those (scripts/bench/run.ts).
    const [rollout] = await sql<{ id: string }[]>`
      select id from rollout_records where organisation_id = ${org!.id} and release_id not like 'bench-%' order by id limit 1`;
    return { organisationId: org!.id, attestationId: att?.id ?? null, rolloutId: rollout?.id ?? null };
  } finally {
    await sql.end();
  }
}
