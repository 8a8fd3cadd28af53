// Load test (issue 12): N signed-in clients of every role request the pages of their role's
// navigation (and detail pages of objects they may see) in a closed loop for S seconds against a
// running `next start`, then print requests, errors and latency percentiles per page.
// An error is any status other than 2xx/3xx, a network error or time-out, a redirect to /login (the
// session was lost), or a 200 whose HTML carries Next's error digest (other than a streamed
// redirect) or the portal's error page.
// Accounts and object ids come from the database (seeded with npm run seed:load); all use the demo
// password. Each client signs in once, from its own X-Forwarded-For address (start the server with
// TRUSTED_PROXY_HOPS=1 so the sign-in throttle sees 50 addresses, as behind a proxy).
// Run: DATABASE_URL=postgres://… npm run load -- --origin http://127.0.0.1:3600 [--clients 50] [--seconds 60] [--think-ms 0] [--server-pid <next-server's pid> [--per-page]]
import os from "node:os";
import postgres from "postgres";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { backendCpuMs, backends, processCpuMs } from "./scale/cpu-meter";
import { chooseClients, type Client } from "./scale/load-clients";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const ORIGIN = arg("origin", process.env.LOAD_ORIGIN ?? "http://127.0.0.1:3600");
const CLIENTS = Number(arg("clients", "50"));
const SECONDS = Number(arg("seconds", "60"));
const THINK_MS = Number(arg("think-ms", "0"));
/** The server process (next-server, not the `next start` launcher): its CPU time is printed when given. */
const SERVER_PID = Number(arg("server-pid", "0"));

type Result = { page: string; url: string; status: number; ms: number; bytes: number; error?: string; client?: number };

async function signIn(c: Client): Promise<string> {
  const headers = { "x-forwarded-for": c.address };
  const csrf = await fetch(`${ORIGIN}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((x) => x.split(";")[0])
    .join("; ");
  const res = await fetch(`${ORIGIN}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email: c.email, password: DEMO_PASSWORD, callbackUrl: `${ORIGIN}/` }),
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().find((x) => /^(__Secure-)?authjs\.session-token=/.test(x));
  if (!session) throw new Error(`sign-in as ${c.email} failed: ${res.status} ${res.headers.get("location")}`);
  return `${jar}; ${session.split(";")[0]}`;
}

/**
 * Why a 200 page is really a failure: the portal's error page, or an error digest Next streamed in
 * place of a Suspense boundary. A streamed redirect (NEXT_REDIRECT) is a redirect, unless to /login.
 */
function failureIn(body: string): string | null {
  if (body.includes("This page could not be shown")) return "the portal's error page";
  for (const [, digest] of body.matchAll(/data-dgst="([^"]*)"/g)) {
    if (!digest!.startsWith("NEXT_REDIRECT;")) return `error digest ${digest}`;
    if (/;\/login/.test(digest!)) return `streamed redirect to /login (session lost)`;
  }
  return null;
}

async function request(c: Client, cookie: string, page: string, url: string): Promise<Result> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${ORIGIN}${url}`, { redirect: "manual", headers: { cookie, "x-forwarded-for": c.address }, signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    const ms = performance.now() - t0;
    const r: Result = { page, url, status: res.status, ms, bytes: body.length };
    const location = res.headers.get("location") ?? "";
    if (res.status >= 400) r.error = `${res.status}: ${body.replace(/\s+/g, " ").slice(0, 160)}`;
    else if (res.status >= 300 && /\/login/.test(location)) r.error = `${res.status} to ${location} (session lost)`;
    else {
      const failure = failureIn(body);
      if (failure) r.error = `${res.status} with ${failure}`;
    }
    return r;
  } catch (err) {
    return { page, url, status: 0, ms: performance.now() - t0, bytes: 0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

function pct(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL: the seeded database the server runs on (accounts and ids are read from it)");
  const sql = postgres(process.env.DATABASE_URL, { max: 2, onnotice: () => {} });
  try {
    await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function run(sql: postgres.Sql) {
  const clients = await chooseClients(sql, CLIENTS);
  const health = await fetch(`${ORIGIN}/api/health`).catch((e: unknown) => e as Error);
  if (health instanceof Error || !health.ok) throw new Error(`${ORIGIN}/api/health does not answer 200: is next start running?`);
  const roles = new Map<string, number>();
  for (const c of clients) roles.set(c.role, (roles.get(c.role) ?? 0) + 1);
  console.log(
    `${new Date().toISOString()}: ${clients.length} clients (${[...roles].map(([r, n]) => `${n} ${r}`).join(", ")}) against ${ORIGIN} for ${SECONDS} s, think time ${THINK_MS} ms; ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );

  // Sign in, five at a time (argon2id costs the server ~100 ms of CPU each).
  const t0 = performance.now();
  const cookies = new Array<string>(clients.length);
  for (let i = 0; i < clients.length; i += 5) await Promise.all(clients.slice(i, i + 5).map(async (c, j) => (cookies[i + j] = await signIn(c))));
  console.log(`signed in ${clients.length} clients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const results: Result[] = [];
  const cpu = { server: SERVER_PID ? processCpuMs(SERVER_PID) : 0, db: await backends(sql), client: process.cpuUsage() };
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      let k = i;
      while (performance.now() < until) {
        const [page, url] = c.pages[k++ % c.pages.length]!(k);
        results.push({ ...(await request(c, cookies[i]!, page, url)), client: i });
        if (THINK_MS) await new Promise((r) => setTimeout(r, THINK_MS));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  report(results, elapsed);
  const used = {
    server: SERVER_PID ? processCpuMs(SERVER_PID) - cpu.server : NaN,
    db: backendCpuMs(cpu.db, await backends(sql)),
    client: process.cpuUsage(cpu.client),
  };
  const per = (ms: number) => `${(ms / 1000).toFixed(1)} s (${(ms / results.length).toFixed(0)} ms a request)`;
  console.log(
    `\nCPU time during the run: server ${SERVER_PID ? per(used.server) : "(give --server-pid)"}, PostgreSQL backends of this database ${per(used.db)}, this load client ${((used.client.user + used.client.system) / 1e6).toFixed(1)} s; load average now ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  if (SERVER_PID && args.includes("--per-page")) await costPerPage(sql, clients, cookies, results);
}

/**
 * What each page costs the server, whatever the neighbours do: one page at a time, its URLs of the
 * run requested 5 times in a row by the client that asked for it, server and database CPU per request.
 */
async function costPerPage(sql: postgres.Sql, clients: Client[], cookies: string[], results: Result[]) {
  console.log("\nCPU per request, one request at a time (5 of each page):\npage                        server ms  PostgreSQL ms");
  for (const page of [...new Set(results.map((r) => r.page))].sort()) {
    const sample = results.filter((r) => r.page === page).slice(0, 5);
    const server0 = processCpuMs(SERVER_PID);
    const db0 = await backends(sql);
    for (const r of sample) await request(clients[r.client!]!, cookies[r.client!]!, page, r.url);
    const server = (processCpuMs(SERVER_PID) - server0) / sample.length;
    const db = backendCpuMs(db0, await backends(sql)) / sample.length;
    console.log(`${page.padEnd(26)}  ${server.toFixed(0).padStart(9)}  ${db.toFixed(0).padStart(13)}`);
  }
}

function report(results: Result[], elapsed: number) {
  const errors = results.filter((r) => r.error);
  const pages = new Map<string, Result[]>();
  for (const r of results) pages.set(r.page, [...(pages.get(r.page) ?? []), r]);
  const all = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    `\n${results.length.toLocaleString("en")} requests in ${elapsed.toFixed(1)} s (${(results.length / elapsed).toFixed(1)}/s), ${errors.length} errors; all pages p50 ${pct(all, 0.5).toFixed(0)} ms, p95 ${pct(all, 0.95).toFixed(0)} ms, p99 ${pct(all, 0.99).toFixed(0)} ms`,
  );
  const w = Math.max(...[...pages.keys()].map((p) => p.length), 4);
  console.log(`${"page".padEnd(w)}  requests  errors    p50 ms    p95 ms    p99 ms    max ms   avg KB`);
  for (const [page, rs] of [...pages].sort((a, b) => a[0].localeCompare(b[0]))) {
    const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
    const kb = rs.reduce((n, r) => n + r.bytes, 0) / rs.length / 1024;
    console.log(
      `${page.padEnd(w)}  ${String(rs.length).padStart(8)}  ${String(rs.filter((r) => r.error).length).padStart(6)}  ${[0.5, 0.95, 0.99, 1].map((q) => pct(ms, q).toFixed(0).padStart(8)).join("  ")}  ${kb.toFixed(0).padStart(7)}`,
    );
  }
  if (errors.length) {
    console.log("\nErrors:");
    const groups = new Map<string, Result[]>();
    for (const e of errors) groups.set(`${e.page} ${e.error}`, [...(groups.get(`${e.page} ${e.error}`) ?? []), e]);
    for (const [key, es] of groups)
      console.log(
        `  ${es.length} × ${key}\n      e.g. ${es
          .slice(0, 3)
          .map((e) => e.url)
          .join(", ")}`,
      );
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
