// `npm run drill:instances`: Ringfence as two instances behind nginx (issue 15). Both run the
// same production build against one PostgreSQL database and one S3 bucket (s3rver), each with
// a data folder of its own, so nothing is shared through local disk. Six checks, each with
// figures and a PASS/FAIL line; exits non-zero when any fails.
//   npm run drill:instances [-- --json <file>] [--if-available]
// Needs a build in $NEXT_DIST_DIR (default .next), PostgreSQL's server binaries (PG_BIN) and
// nginx (NGINX_BIN, else /usr/sbin/nginx). The portals answer with no per-instance marker, so
// checks that need a particular instance send to its own port; the rest go through nginx.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DEMO_PASSWORD, prepareGround, type Ground } from "../faults/bench";
import { clusterUnavailable, freePort } from "../faults/cluster";
import { assertBuilt, downloadDigest, get, request, signIn, sleep, startPortal, streamUpload, type Portal, type PortalOptions } from "../faults/portal";
import { nginxBinary, startNginx, type Nginx } from "./nginx";

type Check = { name: string; pass: boolean; figures: string[]; problems: string[]; ms: number };

interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverCtor = new (opts: { address: string; port: number; directory: string; silent: boolean; configureBuckets: { name: string }[] }) => S3rverServer;

const BUCKET = "ringfence-instances";
const OFFICER = "officer@aegis.example";
/** Periods short enough to watch several of them: the checkpoint job runs every this many seconds. */
const CHECKPOINT_SECONDS = 10;
const WATCH_SECONDS = 35;

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const log = (s: string) => console.log(s);
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

// --if-available (npm test): skip, successfully, where PostgreSQL's server binaries or nginx are missing.
const unavailable = clusterUnavailable() ?? (nginxBinary() ? null : "nginx not found (install Debian's nginx or set NGINX_BIN)");
if (unavailable && args.includes("--if-available")) {
  log(`instances drill skipped: ${unavailable}`);
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ skipped: unavailable, checks: [] }));
  process.exit(0);
}
if (unavailable) throw new Error(unavailable);
assertBuilt();

const started = performance.now();
const checks: Check[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
let exitCode = 1;

try {
  exitCode = await drill();
} catch (err) {
  log(`the drill itself failed: ${(err as Error).stack ?? String(err)}`);
} finally {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e: unknown) => log(`cleanup: ${(e as Error).message}`));
}
process.exit(exitCode);

async function drill(): Promise<number> {
  // Object storage: one bucket both instances use.
  const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "rf-instances-s3-"));
  const S3rver = createRequire(import.meta.url)("s3rver") as S3rverCtor;
  const s3 = new S3rver({ address: "127.0.0.1", port: 0, directory: s3Dir, silent: true, configureBuckets: [{ name: BUCKET }] });
  const { port: s3Port } = await s3.run();
  cleanups.push(async () => {
    await s3.close();
    fs.rmSync(s3Dir, { recursive: true, force: true });
  });
  const s3Env = {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "true",
  };
  const s3Client = new S3Client({
    endpoint: s3Env.S3_ENDPOINT,
    region: s3Env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  cleanups.push(() => s3Client.destroy());

  // One database, two data folders (copies of the seeded demo's), two ports.
  const ground: Ground = await prepareGround(log);
  cleanups.push(() => ground.close());
  const a0 = await ground.fresh("instances");
  const b0 = await ground.fresh("instances_unused"); // only its data folder and port are used
  const databaseUrl = a0.databaseUrl;
  const sql = ground.connect(databaseUrl);
  const nginxPort = await freePort(Number(process.env.INSTANCES_NGINX_PORT ?? 3650), Number(process.env.INSTANCES_NGINX_PORT ?? 3650) + 49);
  const front = `http://127.0.0.1:${nginxPort}`;

  // startPortal (scripts/faults/portal.ts) sets PUBLIC_URL to the instance's own address. Behind nginx it
  // would be nginx's; over plain http it only names the scheme and the links in emails, so it does not matter here.
  const shared = { ...s3Env, TRUSTED_PROXY_HOPS: "1", LOG_CHECKPOINT_SECONDS: String(CHECKPOINT_SECONDS) };
  const saved = Object.fromEntries(Object.keys(shared).map((k) => [k, process.env[k]]));
  const startOne = async (o: PortalOptions): Promise<Portal> => {
    // startPortal hands its own environment on: set the shared settings around the start.
    Object.assign(process.env, shared);
    try {
      return await startPortal(o);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  };
  const t0 = performance.now();
  const [A, B] = await Promise.all([
    startOne({ port: a0.port, dataDir: a0.dataDir, databaseUrl, authSecret: ground.authSecret }),
    startOne({ port: b0.port, dataDir: b0.dataDir, databaseUrl, authSecret: ground.authSecret }),
  ]);
  const bothUpAt = Date.now();
  cleanups.push(() => A.kill("SIGKILL"));
  cleanups.push(() => B.kill("SIGKILL"));
  const nginx: Nginx = await startNginx({ port: nginxPort, upstreams: [a0.port, b0.port] });
  cleanups.push(() => nginx.stop());
  const idOf = (p: Portal) => /this one is (\S+)/.exec(p.output())?.[1] ?? "?";
  log(`instance A ${A.origin} (pid ${A.pid}, ${idOf(A)}), data ${a0.dataDir}`);
  log(`instance B ${B.origin} (pid ${B.pid}, ${idOf(B)}), data ${b0.dataDir}`);
  log(`nginx ${front} (pid ${nginx.pid}, config ${nginx.config}); s3rver ${s3Env.S3_ENDPOINT} bucket ${BUCKET}; both up in ${ms(t0)}`);

  let cookie = "";
  const [officer] = await sql<{ id: string }[]>`select id from users where email = ${OFFICER}`;
  /** Whether `/api/auth/session` on `origin` answers with the officer's session. */
  const sessionOn = async (origin: string) => {
    const r = await get(`${origin}/api/auth/session`, { cookie });
    const user = r.status === 200 ? (JSON.parse(r.body) as { user?: { id?: string } } | null)?.user : undefined;
    return { ok: user?.id === officer!.id, status: r.status, ms: r.ms, body: r.body };
  };

  await check("1 session: sign in through nginx, session valid on both instances", async (c) => {
    const t = performance.now();
    cookie = await signIn(front, OFFICER, DEMO_PASSWORD);
    c.figures.push(`sign-in through nginx: ${ms(t)}`);
    for (const [name, p] of [
      ["A", A],
      ["B", B],
    ] as const) {
      const r = await sessionOn(p.origin);
      c.figures.push(`session on ${name} (its own port): ${r.status}, ${r.ok ? "signed in as the officer" : "not signed in"}, ${r.ms.toFixed(0)} ms`);
      if (!r.ok) c.problems.push(`instance ${name} does not know the session (${r.status} ${r.body.slice(0, 120)})`);
    }
    let good = 0;
    for (let i = 0; i < 4; i++) {
      const r = await sessionOn(front);
      if (r.ok) good++;
      else c.problems.push(`request ${i + 1} through nginx lost the session (${r.status} ${r.body.slice(0, 120)})`);
    }
    c.figures.push(`4 more session requests through nginx (round robin over A and B): ${good} signed in`);
  });

  const upload = async (origin: string, label: string, size: number) => {
    const body = Buffer.alloc(size);
    for (let i = 0; i < size; i += 64) body.write(`${label} ${i} ringfence instances drill\n`.padEnd(64, "."), i);
    const sha256 = createHash("sha256").update(body).digest("hex");
    const query = new URLSearchParams({ title: `Instances drill: ${label}`, kind: "test_report", fileName: `${label}.txt` });
    const chunks = Array.from({ length: Math.ceil(size / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536));
    const t = performance.now();
    const r = await streamUpload(`${origin}/api/evidence/upload?${query}`, { cookie, origin }, chunks, size, 0);
    const took = performance.now() - t;
    const acked = r.status === 201 ? (JSON.parse(r.body) as { id: string; sha256: string; size: number }) : null;
    return { status: r.status, body: r.body, acked, sha256, size, ms: took };
  };
  const inBucket = async (sha256: string) => {
    try {
      const h = await s3Client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `blobs/${sha256}` }));
      return h.ContentLength ?? -1;
    } catch {
      return null;
    }
  };
  const onLocalDisk = (sha256: string): string[] => [a0.dataDir, b0.dataDir].flatMap((dir) => filesHolding(dir, sha256));

  await check("2 evidence: upload on A, download on B, object in the bucket and on no local disk", async (c) => {
    const up = await upload(A.origin, "upload-on-a", 3 * 1024 * 1024 + 123);
    if (!up.acked) throw new Error(`upload on A refused: ${up.status} ${up.body.slice(0, 200)}`);
    c.figures.push(`upload of ${(up.size / 1048576).toFixed(2)} MiB on A: ${up.status}, ${up.ms.toFixed(0)} ms, sha256 ${up.sha256.slice(0, 16)}…`);
    if (up.acked.sha256 !== up.sha256) c.problems.push(`A acknowledged ${up.acked.sha256}, sent ${up.sha256}`);
    const t = performance.now();
    const dl = await downloadDigest(`${B.origin}/api/evidence/${up.acked.id}/download`, { cookie });
    c.figures.push(`download on B: ${dl.status}, ${dl.size} bytes, ${ms(t)}, sha256 ${dl.sha256 === up.sha256 ? "identical" : `DIFFERENT (${dl.sha256})`}`);
    if (dl.status !== 200 || dl.sha256 !== up.sha256) c.problems.push(`B served ${dl.status} ${dl.sha256}/${dl.size}`);
    const size = await inBucket(up.sha256);
    c.figures.push(`object blobs/${up.sha256.slice(0, 16)}… in bucket ${BUCKET}: ${size === null ? "missing" : `${size} bytes`}`);
    if (size !== up.size) c.problems.push("the object is not in the bucket at its full size");
    const local = onLocalDisk(up.sha256);
    c.figures.push(`files with these bytes in A's and B's data folders: ${local.length}`);
    if (local.length) c.problems.push(`found on local disk: ${local.join(", ")}`);
  });

  await check("3 sign-in throttle: failures spread over A and B add up as on one instance", async (c) => {
    // Each series has its own account and client address (TRUSTED_PROXY_HOPS=1: the portal reads
    // X-Forwarded-For), so the two series and the officer's own session do not touch.
    const series = async (email: string, address: string, order: Portal[]) => {
      const codes: string[] = [];
      for (let i = 0; i < 7; i++) {
        const p = order[i % order.length]!;
        codes.push(await attempt(p.origin, email, i === 6 ? DEMO_PASSWORD : `wrong-${i}`, address));
      }
      return codes;
    };
    let t = performance.now();
    const one = await series("observer@ncra.example", "198.51.100.7", [A]);
    c.figures.push(`on A alone (5 wrong, 1 wrong, then the right password): ${one.join(", ")} (${ms(t)})`);
    t = performance.now();
    const both = await series("officer@cobalt.example", "198.51.100.8", [A, B]);
    c.figures.push(`alternating A, B, A, …: ${both.join(", ")} (${ms(t)})`);
    const firstRefused = (codes: string[]) => codes.findIndex((x) => x.startsWith("throttled"));
    c.figures.push(`first refusal at attempt ${firstRefused(one) + 1} on one instance, ${firstRefused(both) + 1} across both`);
    if (firstRefused(one) < 0) c.problems.push("one instance never refused: the throttle did not engage");
    if (firstRefused(both) !== firstRefused(one)) c.problems.push("the count across both instances differs from the count on one");
    if (!both[6]?.startsWith("throttled")) c.problems.push("the right password on the other instance was let in while the account was locked");
    const [row] = await sql<{ failures: number }[]>`select failures from auth_throttle where key = 'account:officer@cobalt.example'`;
    c.figures.push(`auth_throttle failures for the alternating account: ${row?.failures ?? "none"}`);
  });

  await check("4 idempotency: the same Idempotency-Key on A and on B stores one record", async (c) => {
    const token = await apiToken(databaseUrl);
    const [product] = await sql<{ id: string }[]>`
      select p.id from products p join organisations o on o.id = p.organisation_id where o.slug = 'aegis-endpoint' and p.name = 'Aegis Sensor'`;
    const { referenceModelContent } = await import("@/lib/rollouts/fixtures/reference-model");
    const releaseId = `instances-drill-${Date.now()}`;
    const body = JSON.stringify({ productId: product!.id, record: { ...referenceModelContent, releaseId } });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `drill-${releaseId}` };
    const answers = [];
    for (const [name, p] of [
      ["A", A],
      ["B", B],
    ] as const) {
      const r = await request("POST", `${p.origin}/api/v1/rollouts`, headers, body);
      const id = r.status === 201 ? (JSON.parse(r.body) as { id: string }).id : null;
      c.figures.push(`POST on ${name}: ${r.status}, id ${id ?? "-"}, replayed ${r.headers["idempotent-replayed"] ?? "no"}, ${r.ms.toFixed(0)} ms`);
      answers.push({ status: r.status, id, body: r.body });
    }
    if (answers.some((x) => x.status !== 201)) c.problems.push(`not both 201: ${answers.map((x) => `${x.status} ${x.body.slice(0, 160)}`).join(" | ")}`);
    if (answers[0]!.id !== answers[1]!.id) c.problems.push("the two answers name different records");
    const [n] = await sql<{ n: number }[]>`select count(*)::int as n from rollout_records where release_id = ${releaseId}`;
    c.figures.push(`records stored with that release id: ${n?.n}`);
    if (n?.n !== 1) c.problems.push(`expected 1 stored record, found ${n?.n}`);
  });

  await check(`5 periodic work: each job claimed once per period with both instances ticking (${WATCH_SECONDS} s watched)`, async (c) => {
    type Row = { name: string; runs: number; lastInstance: string | null; nextRunAt: Date };
    const read = () => sql<Row[]>`select name, runs, last_instance, next_run_at from periodic_jobs order by name`;
    // Both instances must have ticked a few times first.
    const wait = bothUpAt + 2 * CHECKPOINT_SECONDS * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    const before = await read();
    const seen = new Map<string, Set<string>>();
    const tWatch = Date.now();
    while (Date.now() - tWatch < WATCH_SECONDS * 1000) {
      for (const r of await read()) {
        if (!seen.has(r.name)) seen.set(r.name, new Set());
        if (r.lastInstance) seen.get(r.name)!.add(r.lastInstance);
      }
      await sleep(1000);
    }
    const after = await read();
    const watched = (Date.now() - tWatch) / 1000;
    const name = (id: string) => (id === idOf(A) ? "A" : id === idOf(B) ? "B" : id);
    for (const r of after) {
      const b = before.find((x) => x.name === r.name);
      const delta = r.runs - (b?.runs ?? 0);
      const by = [...(seen.get(r.name) ?? [])].map(name).join(", ");
      c.figures.push(`${r.name}: ${r.runs} runs since start, ${delta} while watched, claimed by ${by || "-"}`);
      if (r.name === "log.checkpoint") {
        const most = Math.ceil(watched / CHECKPOINT_SECONDS) + 1;
        c.figures.push(`log.checkpoint: at most ${most} periods of ${CHECKPOINT_SECONDS} s fit in ${watched.toFixed(0)} s; claimed ${delta}`);
        if (delta > most) c.problems.push(`log.checkpoint ran ${delta} times in ${watched.toFixed(0)} s: more than once per period`);
        if (delta < Math.floor(watched / CHECKPOINT_SECONDS) - 1) c.problems.push(`log.checkpoint ran only ${delta} times: the periodic work stalled`);
      } else if (r.runs !== 1) {
        // Reminders and housekeeping have periods of an hour or more: the first instance to tick ran them, the other did not.
        c.problems.push(`${r.name} ran ${r.runs} times since start: its period is longer than the drill, so once is right`);
      }
    }
    if (!after.some((r) => r.name === "log.checkpoint")) c.problems.push("no log.checkpoint row in periodic_jobs");
  });

  await check("6 failover: SIGKILL instance A while signed in, continue through nginx", async (c) => {
    let t = performance.now();
    await A.kill("SIGKILL");
    c.figures.push(`A (pid ${A.pid}) killed: ${ms(t)}; alive ${A.alive()}`);
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await sessionOn(front);
      times.push(r.ms);
      if (!r.ok) c.problems.push(`session request ${i + 1} through nginx: ${r.status} ${r.body.slice(0, 120)}`);
    }
    c.figures.push(`6 session requests through nginx after the kill, all answered by B: ${times.map((x) => x.toFixed(0)).join(", ")} ms`);
    const up = await upload(front, "upload-after-failover", 1024 * 1024 + 77);
    c.figures.push(`upload through nginx: ${up.status}, ${up.ms.toFixed(0)} ms`);
    if (!up.acked) {
      c.problems.push(`upload after the kill refused: ${up.status} ${up.body.slice(0, 200)}`);
      return;
    }
    t = performance.now();
    const dl = await downloadDigest(`${front}/api/evidence/${up.acked.id}/download`, { cookie });
    c.figures.push(`download through nginx: ${dl.status}, ${ms(t)}, sha256 ${dl.sha256 === up.sha256 ? "identical" : "DIFFERENT"}`);
    if (dl.status !== 200 || dl.sha256 !== up.sha256) c.problems.push(`download after the kill: ${dl.status} ${dl.sha256}`);
    const size = await inBucket(up.sha256);
    if (size !== up.size) c.problems.push("the upload after the kill is not in the bucket");
    const refused = (nginx.errorLog().match(/connect\(\) failed \(111: Connection refused\)/g) ?? []).length;
    c.figures.push(`nginx error log: ${refused} refused connection(s) to A, each passed on to B`);
    if (!B.alive()) c.problems.push("B is not running");
  });

  log(`\n=== instances summary (${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  for (const r of checks) {
    log(`${r.pass ? "PASS" : "FAIL"} ${r.name} (${r.ms.toFixed(0)} ms)`);
    for (const f of r.figures) log(`  - ${f}`);
    for (const p of r.problems) log(`  ! ${p}`);
  }
  log(`${checks.filter((r) => r.pass).length} passed, ${checks.filter((r) => !r.pass).length} failed`);
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), checks }, null, 2));
  return checks.length === 6 && checks.every((r) => r.pass) ? 0 : 1;
}

async function check(name: string, body: (c: Check) => Promise<void>): Promise<void> {
  const c: Check = { name, pass: false, figures: [], problems: [], ms: 0 };
  const t = performance.now();
  log(`\n=== ${name}`);
  try {
    await body(c);
  } catch (err) {
    c.problems.push(`the check itself failed: ${(err as Error).stack ?? String(err)}`);
  }
  c.ms = performance.now() - t;
  c.pass = c.problems.length === 0;
  for (const f of c.figures) log(`  - ${f}`);
  for (const p of c.problems) log(`  ! ${p}`);
  log(`${c.pass ? "PASS" : "FAIL"} ${name} (${c.ms.toFixed(0)} ms)`);
  checks.push(c);
}

/** One credentials sign-in attempt: `ok`, or the code Auth.js redirected with (`invalid`, `throttled_<s>`). */
async function attempt(origin: string, email: string, password: string, address: string): Promise<string> {
  const xff = { "x-forwarded-for": address };
  const csrf = await get(`${origin}/api/auth/csrf`, xff);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const jar = (csrf.headers["set-cookie"] ?? []).map((x) => x.split(";")[0]).join("; ");
  const r = await request(
    "POST",
    `${origin}/api/auth/callback/credentials`,
    { "content-type": "application/x-www-form-urlencoded", cookie: jar, ...xff },
    new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/` }).toString(),
  );
  if ((r.headers["set-cookie"] ?? []).some((x) => /^(__Secure-)?authjs\.session-token=/.test(x))) return "ok";
  const location = r.headers.location ?? "";
  return new URL(location, origin).searchParams.get("code") ?? `${r.status} ${location}`;
}

/** A rollouts:write token for the Aegis organisation, made the way the portal makes one. */
async function apiToken(databaseUrl: string): Promise<string> {
  const { openDatabase } = await import("@/db/client");
  const { createApiToken } = await import("@/lib/rollouts/tokens");
  const { organisations } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const handle = await openDatabase({ kind: "postgres", url: databaseUrl, poolMax: 2, appRole: null });
  try {
    const [org] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "aegis-endpoint"));
    const { token } = await createApiToken(handle.db, { userId: null, organisationId: org!.id }, { name: "instances drill", scopes: ["rollouts:write"] });
    return token;
  } finally {
    await handle.close();
  }
}

/** Files under `dir` whose contents hash to `sha256` (the evidence folder names blobs by hash; any copy counts). */
function filesHolding(dir: string, sha256: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (entry.name.includes(sha256) || createHash("sha256").update(fs.readFileSync(file)).digest("hex") === sha256) out.push(file);
  }
  return out;
}
