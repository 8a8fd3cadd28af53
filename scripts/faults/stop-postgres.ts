// Fault 2: PostgreSQL is stopped in immediate mode (a crash: no checkpoint, WAL recovery at
// the next start) while uploads and answer autosaves are being written, then started again.
// No acknowledged write may be missing; the portal must recover by itself (same process).
import path from "node:path";
import type { Sql } from "postgres";
import { DEMO_PASSWORD, type FaultResult, type Ground } from "./bench";
import { completeDrafts } from "./drafts";
import { actionRef, actionResult, callAction, get, portalEnv, signIn, sleep, startPortal, streamUpload } from "./portal";
import { checkEvidence, checkLog, type AckedUpload } from "./verify";

const SAVE = { file: "app/(portal)/vendor/attestations/[id]/actions.ts", name: "saveAnswerAction" };
const UPLOAD_WRITERS = 4;
const SAVE_WRITERS = 4;

type Phase = "before" | "stopping" | "outage" | "starting" | "after";
type Save = { controlId: string; version: number; narrative: string };

export async function stopPostgres(g: Ground, log: (s: string) => void): Promise<FaultResult> {
  const t0 = performance.now();
  const problems: string[] = [];
  const figures: string[] = [];
  const { databaseUrl, dataDir, port } = await g.fresh("faults_pgstop");
  const [attestationId] = await completeDrafts(databaseUrl, "officer@aegis.example", 1);
  const sql = g.connect(databaseUrl);
  const controls = await sql<
    { controlId: string; version: number }[]
  >`select control_id as "controlId", version from attestation_answers where attestation_id = ${attestationId!} order by control_id limit ${SAVE_WRITERS}`;
  await sql.end();
  const opts = { port, dataDir, databaseUrl, authSecret: g.authSecret };
  const portal = await startPortal(opts);
  const o = portal.origin;
  const officer = await signIn(o, "officer@aegis.example", DEMO_PASSWORD);
  const contributor = await signIn(o, "contributor@aegis.example", DEMO_PASSWORD);
  const save = actionRef(SAVE.file, SAVE.name);
  const since = new Date(Date.now() - 1000);

  let phase: Phase = "before";
  let stopping = false;
  const statuses: Record<Phase, Map<string, number>> = { before: new Map(), stopping: new Map(), outage: new Map(), starting: new Map(), after: new Map() };
  const note = (what: string) => statuses[phase].set(what, (statuses[phase].get(what) ?? 0) + 1);
  const acked: AckedUpload[] = [];
  const lastSave = new Map<string, Save>();
  let savesAcked = 0;
  const firstAckAfter: { upload?: number; save?: number } = {};
  let restartedAt = 0;

  const uploadWriter = async (w: number) => {
    for (let n = 0; !stopping; n++) {
      const text = Buffer.from(`fault 2 writer ${w} file ${n} ${"x".repeat(1000 + ((w * 7919 + n * 104729) % 60_000))}\n`);
      const query = new URLSearchParams({ title: `Fault 2 upload ${w}-${n}`, kind: "document", fileName: `pg-stop-${w}-${n}.log` });
      try {
        const r = await streamUpload(`${o}/api/evidence/upload?${query}`, { cookie: w % 2 ? contributor : officer, origin: o }, [text], text.length, 0);
        note(`upload ${r.status}`);
        if (r.status === 201) {
          const b = JSON.parse(r.body) as AckedUpload;
          acked.push({ id: b.id, sha256: b.sha256, size: b.size });
          if (phase === "after") firstAckAfter.upload ??= performance.now() - restartedAt;
        } else await sleep(100);
      } catch {
        note("upload: connection failed");
        await sleep(100);
      }
    }
  };
  const saveWriter = async (control: { controlId: string; version: number }, w: number) => {
    let version = control.version;
    for (let n = 0; !stopping; n++) {
      const narrative = `Fault 2 writer ${w}, save ${n}: we stage every release through rings.`;
      try {
        const r = await callAction(
          o,
          officer,
          save,
          `/vendor/attestations/${attestationId}`,
          {
            attestationId,
            controlId: control.controlId,
            version,
            status: "implemented",
            narrative,
            maturity: 3,
            justification: "",
            targetDate: null,
            plan: "",
          },
          15_000,
        );
        const result = r.status === 200 ? actionResult(r.body) : null;
        note(`save ${r.status}${result && !result.ok ? " (refused)" : ""}`);
        const data = result?.ok ? (result.data as { outcome: string; version?: number; theirs?: { version: number } }) : null;
        if (data?.outcome === "saved" && data.version) {
          version = data.version;
          lastSave.set(control.controlId, { controlId: control.controlId, version, narrative });
          savesAcked++;
          if (phase === "after") firstAckAfter.save ??= performance.now() - restartedAt;
        } else if (data?.outcome === "stale" && data.theirs) {
          // A save that committed while its answer was lost (the crash): continue from it, as the editor does.
          version = data.theirs.version;
        } else await sleep(100);
      } catch {
        note("save: connection failed");
        await sleep(100);
      }
    }
  };
  const writers = [...Array.from({ length: UPLOAD_WRITERS }, (_, w) => uploadWriter(w)), ...controls.map((c, w) => saveWriter(c, w))];

  await sleep(4000);
  const beforeAcks = { uploads: acked.length, saves: savesAcked };
  const stopFrom = performance.now();
  phase = "stopping";
  await g.cluster.stop("immediate");
  phase = "outage";
  figures.push(
    `PostgreSQL stopped (-m immediate) after ${beforeAcks.uploads} uploads and ${beforeAcks.saves} saves were acknowledged (stop took ${((performance.now() - stopFrom) / 1000).toFixed(2)} s)`,
  );
  await sleep(4000);
  const startFrom = performance.now();
  phase = "starting";
  await g.cluster.start();
  restartedAt = performance.now();
  phase = "after";
  const pgStart = (restartedAt - startFrom) / 1000;
  const deadline = performance.now() + 60_000;
  while ((firstAckAfter.upload === undefined || firstAckAfter.save === undefined) && performance.now() < deadline) await sleep(50);
  await sleep(3000);
  stopping = true;
  await Promise.all(writers);
  const health = await get(`${o}/api/health`).catch(() => null);

  const fmt = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
  figures.push(
    `PostgreSQL restarted (crash recovery) in ${pgStart.toFixed(1)} s; portal's first acknowledged write after it: upload ${secs(firstAckAfter.upload)}, autosave ${secs(firstAckAfter.save)}`,
  );
  figures.push(
    `answers while pg_ctl stopped it: ${fmt(statuses.stopping)}; while it was down: ${fmt(statuses.outage)}; while it recovered: ${fmt(statuses.starting)}`,
  );
  figures.push(
    `acknowledged in total: ${acked.length} uploads, ${savesAcked} autosaves (answers before the stop: ${fmt(statuses.before)}; after the restart: ${fmt(statuses.after)})`,
  );
  if (firstAckAfter.upload === undefined || firstAckAfter.save === undefined)
    problems.push("the portal did not accept writes again within 60 s of PostgreSQL's restart");
  if (!portal.alive()) problems.push("the server process died");
  if (health?.status !== 200) problems.push(`/api/health answered ${health?.status ?? "nothing"} after recovery`);
  else figures.push(`same server process (pid ${portal.pid}) throughout; /api/health 200 after recovery`);

  const check = g.connect(databaseUrl);
  const ev = await checkEvidence(check, path.join(dataDir, "blobs"), acked, since);
  problems.push(...ev.problems);
  const saves = await checkSaves(check, attestationId!, [...lastSave.values()]);
  problems.push(...saves.problems);
  figures.push(
    `verified: ${ev.ackedVerified}/${acked.length} acknowledged uploads (row, file, SHA-256, log event); ${saves.verified}/${lastSave.size} autosaved answers at or past their last acknowledged version (${saves.ahead} one ahead: committed, answer lost in the crash); ${ev.unacknowledgedCommitted} uploads committed without an answer`,
  );
  const lg = await checkLog(check, portalEnv(opts));
  problems.push(...lg.problems);
  figures.push(
    `log: ${lg.events} events, sequence gapless and leaf hashes match; npm run audit:verify: ${lg.auditVerify === "absent" ? "not in this checkout (skipped)" : lg.auditVerify}`,
  );
  log(`  ${acked.length} uploads and ${savesAcked} autosaves acknowledged`);
  await portal.kill("SIGTERM");
  return {
    name: "PostgreSQL stopped in immediate mode during writes",
    pass: problems.length === 0,
    figures,
    problems,
    seconds: (performance.now() - t0) / 1000,
  };
}

const secs = (ms: number | undefined) => (ms === undefined ? "never" : `${(ms / 1000).toFixed(2)} s`);

/** Each answer is at its last acknowledged version with that text, or at a later version (a save that committed unanswered). */
async function checkSaves(sql: Sql, attestationId: string, saves: Save[]) {
  const problems: string[] = [];
  let verified = 0;
  let ahead = 0;
  for (const s of saves) {
    const [row] = await sql<
      { version: number; narrative: string }[]
    >`select version, narrative from attestation_answers where attestation_id = ${attestationId} and control_id = ${s.controlId}`;
    if (!row || row.version < s.version)
      problems.push(`answer ${s.controlId}: acknowledged version ${s.version} is missing (found ${row?.version ?? "no row"})`);
    else if (row.version === s.version && row.narrative !== s.narrative)
      problems.push(`answer ${s.controlId}: version ${s.version} holds other text than was acknowledged`);
    else {
      verified++;
      if (row.version > s.version) ahead++;
    }
  }
  return { problems, verified, ahead };
}
