// npm run bench:latency -- --database-url URL --data-dir DIR [--port 3340] [--runs 20] [--clients 10] [--json FILE]
// Page latency on an existing seed:scale database (issue 15): serves the production build against it, signs in
// as the scale data's first vendor's officer, its lead reviewer and an administrator (bench accounts and
// passwords are added once, as bench:statements does), and times each main page: `--runs` sequential GETs
// after two warm-up requests (median and 90th percentile), then `--clients` clients at once, each making
// `--runs` requests one after another (median). Baselines: GET /api/health (one `select 1`) and the sign-in page.
// API pages: GET /api/v1/rollouts and POST /api/v1/rollouts (one new record each; the dataset grows slightly).
// The database must have been seeded into DIR's data folder (evidence files live there).
import crypto from "node:crypto";
import postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { hashToken } from "@/lib/rollouts/tokens";
import { assertBuilt, request, signIn, startPortal, type Answer } from "./faults/portal";

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? "") : null);
const databaseUrl = opt("database-url") ?? process.env.DATABASE_URL;
const dataDir = opt("data-dir");
if (!databaseUrl || !dataDir) throw new Error("--database-url and --data-dir are required");
const port = Number(opt("port") ?? 3340);
const runs = Number(opt("runs") ?? 20);
const clients = Number(opt("clients") ?? 10);
const only = opt("only");
assertBuilt();
// Latency, not the limiter: the API targets send a few hundred requests a minute with one token.
process.env.RATE_LIMITS ??= "api.token=999999999/60,api.organisation=999999999/60";

const PASSWORD = "bench-latency-2026";
type Target = { name: string; path: string; cookie?: string; method?: "GET" | "POST"; body?: () => string; headers?: Record<string, string> };

const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
const accounts = await prepare();
const ids = await detailIds(accounts.officer);
// Records are created for another vendor (the last one by name), so the officer's pages and the API list measure the same data every run.
const addToken = async (organisationId: string) => {
  const secret = `rf_${crypto.randomBytes(32).toString("base64url")}`;
  await sql`
    insert into api_tokens (organisation_id, name, prefix, token_hash, scopes, expires_at)
    values (${organisationId}, ${`bench-latency ${secret.slice(3, 9)}`}, ${secret.slice(0, 9)}, ${hashToken(secret)}, ${sql.array(["rollouts:read", "rollouts:write"])}, now() + interval '1 day')`;
  return secret;
};
const token = await addToken(ids.org);
const writeToken = await addToken(ids.writeOrg);
await sql.end();

const portal = await startPortal({ port, dataDir, databaseUrl, authSecret: crypto.randomBytes(32).toString("base64url") });
const out: { name: string; status: number; bytes: number; median: number; p90: number; concurrentMedian: number }[] = [];
try {
  const officer = await signIn(portal.origin, accounts.officer, PASSWORD);
  const lead = await signIn(portal.origin, accounts.lead, PASSWORD);
  const admin = await signIn(portal.origin, accounts.admin, PASSWORD);
  let n = 0;
  const api = { authorization: `Bearer ${token}` };
  const targets: Target[] = [
    { name: "baseline GET /api/health", path: "/api/health" },
    { name: "baseline GET /login", path: "/login" },
    { name: "signed-in GET /account", path: "/account", cookie: officer },
    { name: "vendor home /vendor", path: "/vendor", cookie: officer },
    { name: "attestation editor", path: `/vendor/attestations/${ids.attestation}`, cookie: officer },
    { name: "evidence vault /vendor/evidence", path: "/vendor/evidence", cookie: officer },
    { name: "rollout list /vendor/rollouts", path: "/vendor/rollouts", cookie: officer },
    { name: "rollout record", path: `/vendor/rollouts/${ids.rollout}`, cookie: officer },
    { name: "review screen /review", path: "/review", cookie: lead },
    { name: "panel review page", path: `/review/${ids.review}`, cookie: lead },
    { name: "reconciliation", path: `/review/${ids.reconcile}/reconcile`, cookie: lead },
    { name: "ecosystem dashboard /reports", path: "/reports", cookie: admin },
    { name: "report /reports/:id", path: `/reports/${ids.report}`, cookie: admin },
    { name: "API list GET /api/v1/rollouts", path: "/api/v1/rollouts", headers: api },
    {
      name: "API create POST /api/v1/rollouts",
      path: "/api/v1/rollouts",
      method: "POST",
      headers: { authorization: `Bearer ${writeToken}`, "content-type": "application/json" },
      body: () => JSON.stringify({ productId: ids.writeProduct, record: { ...referenceModelContent, releaseId: `bench-latency-${token.slice(3, 9)}-${n++}` } }),
    },
  ];
  const once = (t: Target): Promise<Answer> =>
    request(t.method ?? "GET", `${portal.origin}${t.path}`, { ...(t.cookie ? { cookie: t.cookie } : {}), ...t.headers }, t.body?.(), 120_000);
  for (const t of targets.filter((t) => !only || t.name.includes(only))) {
    const warm = await once(t);
    await once(t);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const a = await once(t);
      if (a.status >= 400) throw new Error(`${t.name}: ${a.status} ${a.body.slice(0, 300)}`);
      times.push(a.ms);
    }
    const concurrent: number[] = [];
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < runs; i++) concurrent.push((await once(t)).ms);
      }),
    );
    const row = {
      name: t.name,
      status: warm.status,
      bytes: warm.body.length,
      median: median(times),
      p90: quantile(times, 0.9),
      concurrentMedian: median(concurrent),
    };
    out.push(row);
    console.log(
      `${row.name.padEnd(36)} ${String(row.status).padStart(3)} ${String(row.bytes).padStart(8)} B  median ${row.median.toFixed(0).padStart(5)} ms  p90 ${row.p90.toFixed(0).padStart(5)} ms  ${clients} clients: median ${row.concurrentMedian.toFixed(0).padStart(5)} ms`,
    );
  }
} finally {
  await portal.kill("SIGTERM");
}
const json = opt("json");
if (json) (await import("node:fs")).writeFileSync(json, JSON.stringify({ runs, clients, pages: out }, null, 2));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The bench accounts (as bench:statements adds them), with a known password; added once per database. */
async function prepare(): Promise<{ officer: string; lead: string; admin: string }> {
  const [officer] = await sql<{ email: string }[]>`select email from users where email like 'scale-officer@%' order by email limit 1`;
  const lead = "scale-lead@scale.example";
  const admin = "bench-admin@bench.example";
  const [exists] = await sql`select 1 from users where email = ${admin}`;
  if (!exists) {
    const [operator] = await sql<{ id: string }[]>`
      insert into organisations (name, slug, kind) values ('Bench Operators', 'bench-operators', 'operator') returning id`;
    const [u] = await sql<{ id: string }[]>`insert into users (email, name) values (${admin}, 'Bench Administrator') returning id`;
    await sql`insert into memberships (user_id, organisation_id, role) values (${u!.id}, ${operator!.id}, 'admin')`;
  }
  const hash = await hashPassword(PASSWORD);
  await sql`update users set password_hash = ${hash} where email in ${sql([officer!.email, lead, admin])}`;
  await sql`update mfa_policy set required = false`;
  return { officer: officer!.email, lead, admin };
}

/** The items the detail pages show: the officer's first draft (else first) attestation and first rollout record, the lead's panels, a report. */
async function detailIds(officerEmail: string) {
  const [org] = await sql<{ id: string }[]>`
    select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = ${officerEmail}`;
  const [att] = await sql<{ id: string }[]>`
    select id from attestations where organisation_id = ${org!.id} order by (status = 'draft') desc, id limit 1`;
  const [rollout] = await sql<{ id: string }[]>`select id from rollout_records where organisation_id = ${org!.id} order by id limit 1`;
  const [write] = await sql<{ org: string; product: string }[]>`
    select o.id as org, p.id as product from organisations o join products p on p.organisation_id = o.id
    where o.kind = 'vendor' and o.slug like 'scale-%' order by o.name desc, p.id limit 1`;
  const panel = (status: string) => sql<{ id: string }[]>`
    select a.id from panel_members m join review_panels p on p.id = m.panel_id join users u on u.id = m.user_id
    join attestations a on a.lineage_id = p.lineage_id
    where u.email = 'scale-lead@scale.example' and m.is_lead and m.conflict = 'none' and m.removed_at is null and a.status = ${status}
    order by a.id limit 1`;
  const [review] = await panel("in_review");
  const [reconcile] = await panel("reconciliation");
  const [report] = await sql<{ id: string }[]>`select id from published_reports where superseded_by is null order by id limit 1`;
  const missing = Object.entries({ att, rollout, review, reconcile, report, write })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) throw new Error(`not in the data: ${missing.join(", ")}`);
  return {
    org: org!.id,
    attestation: att!.id,
    rollout: rollout!.id,
    review: review!.id,
    reconcile: reconcile!.id,
    report: report!.id,
    writeOrg: write!.org,
    writeProduct: write!.product,
  };
}
