/**
 * Runs sqlmap against every API route handler of a running portal (started by
 * scripts/security/sqlmap.sh on a PostgreSQL database of its own), with a real API
 * token and real sessions, and writes a summary. On demand only: not part of npm test.
 *
 *   npx tsx scripts/security/sqlmap-run.ts --origin http://127.0.0.1:3480 --dist .next --out .data-sqlmap/run
 *     [--level 5] [--risk 3] [--technique BEUSTQ] [--parallel 4] [--only name,name]
 *
 * Each target names its parameters: query parameters, path ids (sqlmap's `*` marker),
 * JSON body fields, and the headers the route reads (Authorization, Idempotency-Key).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const origin = arg("origin", "http://127.0.0.1:3480");
const distDir = arg("dist", process.env.NEXT_DIST_DIR ?? ".next");
const out = path.resolve(arg("out", `.data-sqlmap/run-${Date.now()}`));
const level = arg("level", "5");
const risk = arg("risk", "3");
const technique = arg("technique", "BEUSTQ");
const only = arg("only", "").split(",").filter(Boolean);
// sqlmap mostly waits on answers: several targets at once use the server, one at a time mostly idles it.
const parallel = Math.max(1, Number(arg("parallel", "4")));
const PASSWORD = "Ringfence-demo-2026!";

type Answer = { status: number; text: string; headers: Headers };
async function http(target: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${origin}${target}`, { redirect: "manual", ...init });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${origin}/` }),
  });
  const session = res.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return `${jar}; ${session.split(";")[0]}`;
}

/** A new API token made the way an officer makes one: the token page's server action. */
async function createToken(cookie: string): Promise<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === "createApiTokenAction")?.[0];
  if (!id) throw new Error(`no createApiTokenAction in ${distDir}`);
  const res = await http("/vendor/rollouts/tokens", {
    method: "POST",
    headers: { "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin, cookie },
    body: JSON.stringify([{ name: `sqlmap ${new Date().toISOString()}`, scopes: ["rollouts:write", "rollouts:read"] }]),
  });
  const token = /"token":"(rf_[A-Za-z0-9_-]+)"/.exec(res.text)?.[1];
  if (!token) throw new Error(`token creation failed: ${res.status} ${res.text.slice(0, 300)}`);
  return token;
}

const first = (text: string, re: RegExp) => {
  const m = re.exec(text);
  if (!m) throw new Error(`not found: ${re}`);
  return m[1]!.replace(/&amp;/g, "&");
};

const record = {
  releaseId: "sqlmap-1",
  version: "1.0.0",
  channel: "content",
  kernelMode: false,
  releasedAt: "2025-03-03T08:00:00Z",
  fleetSize: 1000,
  rings: [{ name: "Canary", sharePct: 1, devices: 10, startedAt: "2025-03-03T08:00:00Z", promotedAt: null, gate: null }],
  events: [],
  customerControl: { ringOptIn: true, nMinusOnePinning: true, delayHours: null },
  tests: [{ kind: "fuzzing", passed: true, evidenceUrl: null }],
  notes: "sqlmap",
};

/** `params`: the only parameters sqlmap tests (else every one it finds, with `*` marking path ids and headers); `headersToo`: also User-Agent, Referer, Host and cookies. */
type Target = {
  name: string;
  what: string;
  url: string;
  method?: "GET" | "POST";
  data?: string;
  headers?: string[];
  cookie?: string;
  params?: string;
  headersToo?: boolean;
};

async function targets(): Promise<Target[]> {
  const officer = await signIn("officer@aegis.example");
  const reviewer = await signIn("reviewer@contoso.example");
  const admin = await signIn("admin@ringfence.example");
  const observer = await signIn("observer@ncra.example");
  const token = await createToken(officer);
  const bearer = `Authorization: Bearer ${token}`;
  const api = (target: string, init: RequestInit = {}) =>
    http(target, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

  const product = first((await http("/vendor/products", { headers: { cookie: officer } })).text, /href="\/vendor\/products\/([0-9a-f-]{36})"/);
  const created = await api("/api/v1/rollouts", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ productId: product, state: "open", record }),
  });
  if (created.status !== 201) throw new Error(`could not create the open record: ${created.status} ${created.text}`);
  const recordId = (JSON.parse(created.text) as { id: string }).id;
  const upload = await http(`/api/evidence/upload?${new URLSearchParams({ title: "sqlmap log", kind: "document", fileName: "sqlmap.log" })}`, {
    method: "POST",
    headers: { cookie: officer, "content-type": "text/plain" },
    body: `sqlmap ${Date.now()}\n`,
  });
  const evidence = (JSON.parse(upload.text) as { id: string }).id;
  const dashboard = (await http("/reports", { headers: { cookie: observer } })).text;
  const report = first(dashboard, /href="\/reports\/([0-9a-f-]{36})"/);
  const framework = first(dashboard, /<select[^>]*name="framework"[^>]*>[\s\S]*?value="([0-9a-f-]{36})"/);
  const vendor = first(dashboard, /<select[^>]*name="vendor"[^>]*>[\s\S]*?value="([0-9a-f-]{36})"/);
  const catalogVersion = first((await http("/admin/catalog", { headers: { cookie: admin } })).text, /\/api\/catalog\/versions\/([0-9a-f-]{36})\/export/);
  const review = first((await http("/review", { headers: { cookie: reviewer } })).text, /href="\/review\/([0-9a-f-]{36})"/);
  const panelFile = first(
    (await http(`/review/${review}/score`, { headers: { cookie: reviewer } })).text,
    /href="(\/api\/review\/[0-9a-f-]{36}\/evidence\/[0-9a-f-]{36}\?version=\d+)/,
  );
  const attestations = (await http("/vendor/attestations", { headers: { cookie: officer } })).text;
  let receipt = "";
  for (const m of attestations.matchAll(/href="\/vendor\/attestations\/([0-9a-f-]{36})"/g)) {
    const page = (await http(`/vendor/attestations/${m[1]}`, { headers: { cookie: officer } })).text;
    const found = /href="\/api\/receipts\/(submission\/[0-9a-f-]{36})"/.exec(page);
    if (found) {
      receipt = found[1]!;
      break;
    }
  }
  const checkpoints = JSON.parse((await http("/api/log/checkpoints")).text) as { checkpoints: { treeSize: number }[] };
  const size = checkpoints.checkpoints[0]?.treeSize ?? 1;
  const event = { type: "ring_started", name: "Wide", sharePct: 50, devices: 500, startedAt: "2025-03-04T08:00:00Z" };

  const create = JSON.stringify({ productId: product, state: "closed", record: { ...record, releaseId: "sqlmap-2" } });
  const evidencePath = (rest: string) => `${origin}/api/evidence/${evidence}${rest}`;
  return [
    // Headers the routes read, with a token and with a session (level 5 also tests User-Agent, Referer, Host and each cookie).
    {
      name: "headers-token",
      what: "GET /api/v1/rollouts?limit: the Authorization header's token (marked) and limit",
      url: `${origin}/api/v1/rollouts?limit=1`,
      headers: [`Authorization: Bearer ${token}*`],
      headersToo: true,
    },
    {
      name: "headers-standard",
      what: "GET /api/v1/rollouts?limit: User-Agent, Referer and Host, with an API token",
      url: `${origin}/api/v1/rollouts?limit=1`,
      headers: [bearer],
      params: "User-Agent,Referer,Host",
    },
    {
      name: "headers-session",
      what: "GET /api/evidence/{id}/download: every cookie, User-Agent, Referer and Host, with a session",
      url: evidencePath("/download"),
      cookie: officer,
      headersToo: true,
    },
    {
      name: "rollouts-list",
      what: "GET /api/v1/rollouts?productId&limit (token)",
      url: `${origin}/api/v1/rollouts?productId=${product}&limit=10`,
      headers: [bearer],
      params: "productId,limit",
    },
    { name: "rollouts-get", what: "GET /api/v1/rollouts/{id} (token; path id)", url: `${origin}/api/v1/rollouts/${recordId}*`, headers: [bearer] },
    {
      name: "rollouts-create",
      what: "POST /api/v1/rollouts (token; every JSON body field)",
      url: `${origin}/api/v1/rollouts`,
      method: "POST",
      data: create,
      headers: [bearer, "Content-Type: application/json"],
    },
    {
      name: "rollouts-create-key",
      what: "POST /api/v1/rollouts (token; Idempotency-Key header)",
      url: `${origin}/api/v1/rollouts`,
      method: "POST",
      data: create,
      headers: [bearer, "Content-Type: application/json", "Idempotency-Key: sqlmap-key-1*"],
    },
    {
      name: "rollouts-dry-run",
      what: "POST /api/v1/rollouts/dry-run (token; every JSON body field)",
      url: `${origin}/api/v1/rollouts/dry-run`,
      method: "POST",
      data: JSON.stringify({ record }),
      headers: [bearer, "Content-Type: application/json"],
    },
    {
      name: "rollouts-events",
      what: "POST /api/v1/rollouts/{id}/events (token; every JSON body field)",
      url: `${origin}/api/v1/rollouts/${recordId}/events`,
      method: "POST",
      data: JSON.stringify(event),
      headers: [bearer, "Content-Type: application/json", "Idempotency-Key: sqlmap-key-2"],
    },
    {
      name: "rollouts-events-path",
      what: "POST /api/v1/rollouts/{id}/events (token; path id)",
      url: `${origin}/api/v1/rollouts/${recordId}*/events`,
      method: "POST",
      data: JSON.stringify(event),
      headers: [bearer, "Content-Type: application/json", "Idempotency-Key: sqlmap-key-3"],
    },
    {
      name: "rollouts-events-key",
      what: "POST /api/v1/rollouts/{id}/events (token; Idempotency-Key header)",
      url: `${origin}/api/v1/rollouts/${recordId}/events`,
      method: "POST",
      data: JSON.stringify(event),
      headers: [bearer, "Content-Type: application/json", "Idempotency-Key: sqlmap-key-4*"],
    },
    {
      name: "evidence-upload",
      what: "POST /api/evidence/upload?title&description&kind&evidenceDate&validUntil&classification&fileName (session)",
      url: `${origin}/api/evidence/upload?title=sqlmap+report&description=d&kind=document&evidenceDate=2026-01-15&validUntil=2026-06-30&classification=reviewers_only&fileName=probe.txt`,
      method: "POST",
      data: "sqlmap probe text",
      headers: ["Content-Type: text/plain"],
      cookie: officer,
      params: "title,description,kind,evidenceDate,validUntil,classification,fileName",
    },
    {
      name: "evidence-version",
      what: "POST /api/evidence/{id}/versions?fileName (session; path id and query)",
      url: evidencePath("*/versions?fileName=probe.txt"),
      method: "POST",
      data: "sqlmap version text",
      headers: ["Content-Type: text/plain"],
      cookie: officer,
    },
    {
      name: "evidence-version-query",
      what: "POST /api/evidence/{id}/versions?fileName (session; query)",
      url: evidencePath("/versions?fileName=probe.txt"),
      method: "POST",
      data: "sqlmap version text 2",
      headers: ["Content-Type: text/plain"],
      cookie: officer,
      params: "fileName",
    },
    {
      name: "evidence-download",
      what: "GET /api/evidence/{id}/download?version (session; path id)",
      url: evidencePath("*/download?version=1"),
      cookie: officer,
    },
    {
      name: "evidence-download-query",
      what: "GET /api/evidence/{id}/download?version (session; query)",
      url: evidencePath("/download?version=1"),
      cookie: officer,
      params: "version",
    },
    {
      name: "catalog-export",
      what: "GET /api/catalog/versions/{id}/export?format (session; path id)",
      url: `${origin}/api/catalog/versions/${catalogVersion}*/export?format=json`,
      cookie: admin,
    },
    {
      name: "catalog-export-query",
      what: "GET /api/catalog/versions/{id}/export?format (session; query)",
      url: `${origin}/api/catalog/versions/${catalogVersion}/export?format=json`,
      cookie: admin,
      params: "format",
    },
    {
      name: "report-export",
      what: "GET /api/reports/{id}/export?format (session; path id)",
      url: `${origin}/api/reports/${report}*/export?format=json`,
      cookie: observer,
    },
    {
      name: "report-export-query",
      what: "GET /api/reports/{id}/export?format (session; query)",
      url: `${origin}/api/reports/${report}/export?format=json`,
      cookie: observer,
      params: "format",
    },
    {
      name: "reports-export-csv",
      what: "GET /api/reports/export?format=csv&framework&period&result&vendor (session; CSV from PostgreSQL COPY with the filters inlined)",
      url: `${origin}/api/reports/export?format=csv&framework=${framework}&period=all&result=meets&vendor=${vendor}`,
      cookie: observer,
      params: "format,framework,period,result,vendor",
    },
    {
      name: "reports-export-json",
      what: "GET /api/reports/export?format=json&framework&period&result&vendor (session; paged query)",
      url: `${origin}/api/reports/export?format=json&framework=${framework}&period=2025-01-01_2025-06-30&result=meets&vendor=${vendor}`,
      cookie: observer,
      params: "framework,period,result,vendor",
    },
    {
      name: "review-file",
      what: "GET /api/review/{attestation}/evidence/{item} (session; both path ids)",
      url: `${origin}${panelFile.replace(/\/evidence\/([0-9a-f-]{36})\?/, "/evidence/$1*?").replace(/\/api\/review\/([0-9a-f-]{36})\//, "/api/review/$1*/")}&inline=1`,
      cookie: reviewer,
    },
    {
      name: "review-file-query",
      what: "GET /api/review/{attestation}/evidence/{item}?version&inline (session; query)",
      url: `${origin}${panelFile}&inline=1`,
      cookie: reviewer,
      params: "version,inline",
    },
    {
      name: "audit-events",
      what: "GET /api/audit/events?actor&org&action&objectType&objectId&from&to&client&after&before&limit (session)",
      url: `${origin}/api/audit/events?org=${vendor}&action=evidence.&objectType=evidence&objectId=${evidence}&from=2024-01-01&to=2030-01-01&client=127.0.0.1&after=1&before=100000&limit=20`,
      cookie: admin,
      params: "actor,org,action,objectType,objectId,from,to,client,after,before,limit",
    },
    {
      name: "receipt",
      what: "GET /api/receipts/{kind}/{id} (session; path kind and id)",
      url: `${origin}/api/receipts/${receipt.replace("/", "*/")}*`,
      cookie: officer,
    },
    { name: "log-consistency", what: "GET /api/log/consistency?from&to (public)", url: `${origin}/api/log/consistency?from=0&to=${size}`, params: "from,to" },
    { name: "log-checkpoints", what: "GET /api/log/checkpoints?before (public)", url: `${origin}/api/log/checkpoints?before=${size + 1}`, params: "before" },
    {
      name: "sign-in",
      what: "POST /api/auth/callback/credentials (email, password, csrfToken, callbackUrl)",
      url: `${origin}/api/auth/callback/credentials`,
      method: "POST",
      data: "email=officer%40aegis.example&password=wrong-password&csrfToken=x&callbackUrl=%2F",
      headers: ["Content-Type: application/x-www-form-urlencoded"],
      params: "email,password,csrfToken,callbackUrl",
    },
  ].filter((t) => !only.length || only.includes(t.name)) as Target[];
}

/** `injectable`: what sqlmap confirmed (its "identified the following injection point(s)" block); `rejected`: candidates its own false-positive check threw out. */
type Result = { target: Target; seconds: number; injectable: string[]; rejected: string[]; tested: string[]; notInjectable: boolean; code: number | null };

function runSqlmap(t: Target): Promise<Result> {
  const started = Date.now();
  const argv = [
    "-u",
    t.url,
    "--batch",
    `--level=${level}`,
    `--risk=${risk}`,
    `--technique=${technique}`,
    "--dbms=PostgreSQL",
    "--time-sec=2",
    "--flush-session",
    "--drop-set-cookie",
    "--disable-coloring",
    "--ignore-code=401",
    `--output-dir=${path.join(out, "sqlmap", t.name)}`,
    "--threads=2",
  ];
  if (t.method) argv.push(`--method=${t.method}`);
  if (t.data !== undefined) argv.push(`--data=${t.data}`);
  for (const h of t.headers ?? []) argv.push(`--header=${h}`);
  if (t.cookie) argv.push(`--cookie=${t.cookie}`);
  if (t.params) argv.push(`-p`, t.params);
  // Headers and cookies are tested once, by the two "headers-" targets; elsewhere only the route's own parameters.
  else if (!t.headersToo) argv.push("--skip=User-Agent,Referer,Host", "--param-exclude=^(__Secure-|__Host-)?(authjs|next-auth|rf_)");
  const log = fs.createWriteStream(path.join(out, `${t.name}.log`));
  log.write(`$ sqlmap ${argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}\n\n`);
  return new Promise((resolve) => {
    let text = "";
    const p = spawn("sqlmap", argv, { stdio: ["ignore", "pipe", "pipe"] });
    const take = (d: Buffer) => {
      text += d.toString();
      log.write(d);
    };
    p.stdout.on("data", take);
    p.stderr.on("data", take);
    p.on("close", (code) => {
      log.end();
      // A time-based "appears to be injectable" on a slow answer is only a candidate: sqlmap then checks it
      // ("checking if the injection point … is a false positive") and reports the ones that hold in its
      // "identified the following injection point(s)" block. Only those count.
      const identified = text
        .split(/sqlmap identified the following injection point\(s\)/)
        .slice(1)
        .join("\n");
      const injectable = [...identified.matchAll(/Parameter: ([^\n]+)\n\s+Type: ([^\n]+)/g)].map((m) => `${m[1]!.trim()}: ${m[2]!.trim()}`);
      const rejected = [
        ...text.matchAll(
          /checking if the injection point on (?:\(custom\) )?\w+ parameter '([^']+)' is a false positive[\s\S]*?false positive or unexploitable injection point detected/g,
        ),
      ].map((m) => m[1]!);
      // Every parameter sqlmap tested: "testing for SQL injection on GET parameter 'limit'" ("(custom) POST parameter 'JSON type'", "parameter 'User-Agent'").
      const tested = [...new Set([...text.matchAll(/testing for SQL injection on (?:(?:\(custom\) )?\w+ )?parameter '([^']+)'/g)].map((m) => m[1]!))];
      resolve({
        target: t,
        seconds: (Date.now() - started) / 1000,
        injectable: [...new Set(injectable)],
        rejected: [...new Set(rejected)],
        tested,
        notInjectable: !injectable.length && /all tested parameters do not appear to be injectable/.test(text),
        code,
      });
    });
  });
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const list = await targets();
  console.log(
    `sqlmap ${await new Promise<string>((r) => spawn("sqlmap", ["--version"]).stdout.on("data", (d: Buffer) => r(d.toString().trim().split("\n")[0]!)))}: ${list.length} targets, ${parallel} at a time, level ${level}, risk ${risk}, techniques ${technique}; logs in ${out}`,
  );
  const results: Result[] = new Array(list.length);
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) {
      const t = list[i]!;
      const r = await runSqlmap(t);
      results[i] = r;
      console.log(
        `${t.name}: ${r.injectable.length ? `INJECTABLE ${r.injectable.join("; ")}` : r.notInjectable ? `no injectable parameter${r.rejected.length ? ` (rejected candidates: ${r.rejected.join(", ")})` : ""}` : `inconclusive (exit ${r.code}; see ${t.name}.log)`} in ${r.seconds.toFixed(0)} s`,
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const lines = [
    `# sqlmap run ${new Date().toISOString()}`,
    "",
    `Target: ${origin}; ${list.length} targets, ${parallel} at a time. Options: \`--batch --level=${level} --risk=${risk} --technique=${technique} --dbms=PostgreSQL --time-sec=2 --flush-session --drop-set-cookie --ignore-code=401 --threads=2\` (a payload in the token or the session cookie is answered 401, which sqlmap would otherwise take for the end of the target). Total ${((Date.now() - started) / 60000).toFixed(1)} min.`,
    "",
    "| target | what | parameters sqlmap reported testing | result | time |",
    "|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.target.name} | ${r.target.what} | ${r.tested.join(", ") || "—"} | ${r.injectable.length ? `**injectable: ${r.injectable.join("; ")}**` : r.notInjectable ? `no injectable parameter${r.rejected.length ? ` (time-based candidates rejected by sqlmap's false-positive check: ${r.rejected.join(", ")})` : ""}` : `inconclusive (exit ${r.code})`} | ${r.seconds.toFixed(0)} s |`,
    ),
    "",
  ];
  fs.writeFileSync(path.join(out, "summary.md"), lines.join("\n"));
  console.log(`\n${lines.join("\n")}`);
  process.exitCode = results.some((r) => r.injectable.length) ? 1 : results.every((r) => r.notInjectable) ? 0 : 3;
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
