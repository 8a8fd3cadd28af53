// Fault 3: PostgreSQL unavailable. Pages, the API and server actions must answer a clear 503
// within seconds (never hang, never 500) and serve normally again by themselves once the
// database is back, without restarting the server. Three ways: stopped, hung (every
// PostgreSQL process stopped with SIGSTOP), and already down when the server starts.
import { DEMO_PASSWORD, type FaultResult, type Ground } from "./bench";
import { actionRef, callAction, request, signIn, sleep, startPortal, type Answer, type Portal } from "./portal";

type Verdict = "normal" | "503" | "other";
type Target = { name: string; send: () => Promise<Answer>; normal: (a: Answer) => boolean; unavailable: (a: Answer) => boolean };
type Sample = { name: string; start: number; end: number; verdict: Verdict; status: number | string };

const POLL_MS = 300;
const ANSWER_LIMIT_MS = 3000;
const RECOVERY_LIMIT_MS = 10_000;
/** A hung database is noticed within the probe's trust period and timeout (lib/server/startup.ts: 1 s + 2 s). */
const HANG_NOTICED_MS = 3500;

const ct = (a: Answer) => String(a.headers["content-type"] ?? "");

function targets(o: string, cookie: string, actionId: string, attestationId: string): Target[] {
  const page = (path: string, withCookie: boolean): Target => ({
    name: `page ${path}`,
    send: () => request("GET", `${o}${path}`, withCookie ? { cookie } : {}, undefined, 20_000),
    normal: (a) => a.status === 200,
    unavailable: (a) =>
      a.status === 503 && ct(a).startsWith("text/html") && a.body.includes("temporarily unavailable") && a.headers["retry-after"] !== undefined,
  });
  const problem = (a: Answer) => a.status === 503 && ct(a) === "application/problem+json" && (JSON.parse(a.body) as { status?: number }).status === 503;
  const file = Buffer.from("fault 3 probe file\n");
  return [
    page("/login", false),
    page("/vendor", true),
    page("/public/reports", false),
    {
      name: "GET /api/health",
      send: () => request("GET", `${o}/api/health`, {}, undefined, 20_000),
      normal: (a) => a.status === 200,
      unavailable: (a) => a.status === 503 && (JSON.parse(a.body) as { status?: string }).status === "unavailable",
    },
    {
      name: "GET /api/v1/rollouts",
      send: () => request("GET", `${o}/api/v1/rollouts`, {}, undefined, 20_000),
      normal: (a) => a.status === 401,
      unavailable: problem,
    },
    {
      name: "POST /api/evidence/upload",
      send: () =>
        request(
          "POST",
          `${o}/api/evidence/upload?${new URLSearchParams({ title: "Fault 3 probe", kind: "document", fileName: "probe.log" })}`,
          { cookie, origin: o, "content-type": "application/octet-stream" },
          file,
          20_000,
        ),
      normal: (a) => a.status === 200 || a.status === 201,
      unavailable: problem,
    },
    {
      name: "server action",
      // An argument the schema refuses: a normal answer is "invalid", never a change.
      send: () => callAction(o, cookie, { id: actionId }, `/vendor/attestations/${attestationId}`, "fault-probe", 20_000),
      normal: (a) => a.status === 200 && a.body.includes('"code":"invalid"'),
      unavailable: (a) => a.status === 503 && ct(a) === "text/plain",
    },
  ];
}

/**
 * Sends every target a request each POLL_MS until `stop()` says so or `maxMs` has passed,
 * without waiting for earlier ones (a request stuck on a hung database must not stop the
 * sampling), then waits for all answers. Each sample is timed against `zero`.
 */
async function poll(ts: Target[], zero: () => number, stop: (samples: Sample[]) => boolean, maxMs: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const until = performance.now() + maxMs;
  const once = async (t: Target) => {
    const start = performance.now() - zero();
    let verdict: Verdict = "other";
    let status: number | string;
    try {
      const a = await t.send();
      status = a.status;
      verdict = t.unavailable(a) ? "503" : t.normal(a) ? "normal" : "other";
    } catch (err) {
      status = (err as Error).message;
    }
    samples.push({ name: t.name, start, end: performance.now() - zero(), verdict, status });
  };
  while (performance.now() < until && !stop(samples)) {
    for (const t of ts) pending.push(once(t));
    await sleep(POLL_MS);
  }
  await Promise.all(pending);
  return samples;
}

/** When the first of these samples was answered. */
const earliest = (xs: Sample[]) => (xs.length ? Math.min(...xs.map((s) => s.end)) : undefined);

type OutageReport = { figures: string[]; problems: string[] };

/** During an outage: from `graceMs` after the fault on, every answer is a clear 503, in time. */
function judgeOutage(label: string, ts: Target[], samples: Sample[], graceMs: number): OutageReport {
  const problems: string[] = [];
  let worstFirst = 0;
  let worstLatency = 0;
  let early = 0;
  for (const t of ts) {
    const mine = samples.filter((s) => s.name === t.name && s.start >= 0);
    const first = earliest(mine.filter((s) => s.verdict === "503"));
    if (first === undefined) problems.push(`${label}: ${t.name} never answered 503 (${[...new Set(mine.map((s) => s.status))].join(", ")})`);
    else worstFirst = Math.max(worstFirst, first);
    for (const s of mine) {
      if (s.start < graceMs) {
        if (s.verdict !== "503") early++;
        continue;
      }
      worstLatency = Math.max(worstLatency, s.end - s.start);
      if (s.verdict !== "503") problems.push(`${label}: ${t.name} answered ${s.status} at +${(s.start / 1000).toFixed(2)} s`);
      else if (s.end - s.start > ANSWER_LIMIT_MS) problems.push(`${label}: ${t.name} took ${((s.end - s.start) / 1000).toFixed(1)} s to answer 503`);
    }
  }
  const n = samples.filter((s) => s.start >= graceMs).length;
  const figures = [
    `${label}: every target answered 503 by +${(worstFirst / 1000).toFixed(2)} s; ${n} answers${graceMs ? ` after +${graceMs / 1000} s` : ""}, slowest ${(worstLatency / 1000).toFixed(2)} s${graceMs ? `; ${early} requests in the first ${graceMs / 1000} s waited for the database instead` : ""}`,
  ];
  return { figures, problems };
}

function judgeRecovery(label: string, ts: Target[], samples: Sample[]): OutageReport & { ms: number } {
  const problems: string[] = [];
  let worst = 0;
  let slowest = "";
  for (const t of ts) {
    const ok = earliest(samples.filter((s) => s.name === t.name && s.start >= 0 && s.verdict === "normal"));
    if (ok === undefined)
      problems.push(`${label}: ${t.name} did not recover (${[...new Set(samples.filter((s) => s.name === t.name).map((s) => s.status))].join(", ")})`);
    else if (ok >= worst) [worst, slowest] = [ok, t.name];
    const bad = samples.filter((s) => s.name === t.name && s.verdict === "other");
    for (const s of bad) problems.push(`${label}: ${t.name} answered ${s.status} at +${(s.start / 1000).toFixed(2)} s`);
  }
  if (worst > RECOVERY_LIMIT_MS) problems.push(`${label}: took ${(worst / 1000).toFixed(1)} s to recover`);
  return {
    figures: [`${label}: every target served normally again ${(worst / 1000).toFixed(2)} s after PostgreSQL was back (last: ${slowest})`],
    problems,
    ms: worst,
  };
}

const allNormal = (ts: Target[]) => (samples: Sample[]) => ts.every((t) => samples.some((s) => s.name === t.name && s.start >= 0 && s.verdict === "normal"));

export async function databaseUnavailable(g: Ground, log: (s: string) => void): Promise<FaultResult> {
  const t0 = performance.now();
  const problems: string[] = [];
  const figures: string[] = [];
  const { databaseUrl, dataDir, port } = await g.fresh("faults_down");
  const opts = { port, dataDir, databaseUrl, authSecret: g.authSecret };
  let portal: Portal = await startPortal(opts);
  const officer = await signIn(portal.origin, "officer@aegis.example", DEMO_PASSWORD);
  const sql = g.connect(databaseUrl);
  const [draft] = await sql<
    { id: string }[]
  >`select a.id from attestations a join organisations o on o.id = a.organisation_id where o.slug = 'aegis' and a.status = 'draft' limit 1`;
  await sql.end();
  const action = actionRef("app/(portal)/vendor/attestations/[id]/actions.ts", "saveAnswerAction");
  const ts = targets(portal.origin, officer, action.id, draft?.id ?? "00000000-0000-4000-8000-000000000000");
  const pid = portal.pid;

  // Before: everything normal.
  const warm = await poll(ts, () => t0, allNormal(ts), 20_000);
  if (!allNormal(ts)(warm))
    problems.push(
      `before the fault not every target was normal: ${warm
        .filter((s) => s.verdict !== "normal")
        .map((s) => `${s.name} ${s.status}`)
        .join("; ")}`,
    );

  const phase = async (label: string, fault: () => Promise<() => Promise<void>>, graceMs: number) => {
    const undo = await fault();
    const zero = performance.now();
    const outage = judgeOutage(
      label,
      ts,
      await poll(
        ts,
        () => zero,
        () => false,
        6000,
      ),
      graceMs,
    );
    // Liveness needs no database: /up still answers while it is out.
    const up = await request("GET", `${portal.origin}/up`, {}, undefined, 5000).catch(() => null);
    if (up?.status !== 200 || !up.body.includes("Ringfence is serving pages"))
      problems.push(`${label}: /up answered ${up?.status ?? "nothing"} during the outage`);
    else figures.push(`${label}: /up (liveness) answered 200 in ${Math.round(up.ms)} ms during the outage`);
    await undo();
    const back = performance.now();
    const rec = judgeRecovery(`${label}, recovery`, ts, await poll(ts, () => back, allNormal(ts), 30_000));
    figures.push(...outage.figures, ...rec.figures);
    problems.push(...outage.problems, ...rec.problems);
    log(`  ${label}: ${outage.problems.length + rec.problems.length ? "problems" : "ok"}`);
  };

  await phase(
    "stopped (pg_ctl stop -m fast)",
    async () => {
      await g.cluster.stop("fast");
      return () => g.cluster.start();
    },
    0,
  );
  await phase(
    "hung (SIGSTOP to every PostgreSQL process)",
    async () => {
      const pids = g.cluster.freeze();
      return async () => g.cluster.thaw(pids);
    },
    HANG_NOTICED_MS,
  );
  if (portal.pid !== pid || !portal.alive()) problems.push("the server process did not survive the outages");
  else figures.push(`same server process (pid ${pid}) through both outages, never restarted`);

  // The server starts while the database is down: it must answer 503, then finish starting by itself.
  await portal.kill("SIGTERM");
  await g.cluster.stop("fast");
  const startFrom = performance.now();
  portal = await startPortal(opts, "listening");
  const listening = performance.now() - startFrom;
  const zero = performance.now();
  const down = judgeOutage(
    "server started while PostgreSQL was down",
    ts,
    await poll(
      ts,
      () => zero,
      () => false,
      4000,
    ),
    0,
  );
  await g.cluster.start();
  const back = performance.now();
  const rec = judgeRecovery("server started while PostgreSQL was down, recovery", ts, await poll(ts, () => back, allNormal(ts), 30_000));
  figures.push(`server started while PostgreSQL was down: listening after ${(listening / 1000).toFixed(1)} s`, ...down.figures, ...rec.figures);
  problems.push(...down.problems, ...rec.problems);
  await portal.kill("SIGTERM");
  return { name: "PostgreSQL unavailable", pass: problems.length === 0, figures, problems, seconds: (performance.now() - t0) / 1000 };
}
