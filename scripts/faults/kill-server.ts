// Fault 1: the server is killed with SIGKILL while 20 multi-MB evidence uploads and 10
// attestation submissions are under way, then started again on the same data. Every
// acknowledged upload and submission must be there, whole; nothing half-written may show.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { DEMO_PASSWORD, type FaultResult, type Ground } from "./bench";
import { completeDrafts } from "./drafts";
import { actionRef, actionResult, callAction, downloadDigest, get, portalEnv, signIn, sleep, startPortal, streamUpload, type Answer } from "./portal";
import { checkEvidence, checkLog, type AckedUpload } from "./verify";

const UPLOADS = 20;
const CHUNK = 256 * 1024;
const MIB = 1024 * 1024;
const SUBMIT = { file: "app/(portal)/vendor/attestations/[id]/submit/actions.ts", name: "submitAttestationAction" };

/**
 * Upload i: text, different in every chunk, never a whole number of chunks. The first half are
 * 2–6 MiB sent briskly (acknowledged before the kill); the second half 24–40 MiB sent slowly
 * (still streaming into staging when the kill comes).
 */
function fileOf(i: number): { name: string; size: number; pace: number; chunks: () => Generator<Buffer>; sha256: string } {
  const large = i >= UPLOADS / 2;
  const size = (large ? 24 + ((i * 7) % 17) : 2 + ((i * 3) % 5)) * MIB + i * 997;
  const chunks = function* () {
    for (let at = 0, n = 0; at < size; at += CHUNK, n++) {
      const line = Buffer.from(`ringfence fault test: upload ${i}, chunk ${n}, ${"abcdefghijklmnopqrstuvwxyz".repeat(2)}\n`);
      const chunk = Buffer.alloc(Math.min(CHUNK, size - at));
      for (let p = 0; p < chunk.length; p += line.length) line.copy(chunk, p, 0, Math.min(line.length, chunk.length - p));
      yield chunk;
    }
  };
  const hash = createHash("sha256");
  for (const c of chunks()) hash.update(c);
  return { name: `fault-upload-${i}.log`, size, pace: large ? 100 : 20, chunks, sha256: hash.digest("hex") };
}

type Outcome<T> = { state: "acked"; value: T } | { state: "refused"; status: number } | { state: "broken"; error: string };

export async function killServer(g: Ground, log: (s: string) => void): Promise<FaultResult> {
  const t0 = performance.now();
  const problems: string[] = [];
  const figures: string[] = [];
  const { databaseUrl, dataDir, port } = await g.fresh("faults_kill");
  const drafts = {
    "officer@aegis.example": await completeDrafts(databaseUrl, "officer@aegis.example", 6),
    "officer@bastion.example": await completeDrafts(databaseUrl, "officer@bastion.example", 4),
  };
  const opts = { port, dataDir, databaseUrl, authSecret: g.authSecret };
  let portal = await startPortal(opts);
  const o = portal.origin;
  const uploaders = ["officer@aegis.example", "contributor@aegis.example", "officer@bastion.example"];
  const cookies = Object.fromEntries(await Promise.all(uploaders.map(async (e) => [e, await signIn(o, e, DEMO_PASSWORD)] as const)));
  const files = Array.from({ length: UPLOADS }, (_, i) => fileOf(i));
  const since = new Date(Date.now() - 1000);
  const tmpDir = path.join(dataDir, "blobs", "tmp");
  const sql = g.connect(databaseUrl);
  const submit = actionRef(SUBMIT.file, SUBMIT.name);
  log(
    `  ${UPLOADS} uploads (${(files.reduce((n, f) => n + f.size, 0) / MIB).toFixed(0)} MiB in all, half of them slow) and ${Object.values(drafts).flat().length} submissions against ${o}`,
  );

  // Uploads start staggered; submissions follow once some uploads are in; the kill comes while the large uploads stream.
  const started = performance.now();
  const uploadOutcomes: Outcome<AckedUpload>[] = new Array(UPLOADS);
  const uploadRuns = files.map(async (f, i) => {
    await sleep(i * 100);
    const who = uploaders[i % uploaders.length]!;
    const query = new URLSearchParams({ title: `Fault upload ${i}`, kind: "test_report", fileName: f.name });
    try {
      const r = await streamUpload(`${o}/api/evidence/upload?${query}`, { cookie: cookies[who]!, origin: o }, f.chunks(), f.size, f.pace);
      const body = r.status === 201 ? (JSON.parse(r.body) as { id: string; sha256: string; size: number }) : null;
      uploadOutcomes[i] = body ? { state: "acked", value: { id: body.id, sha256: body.sha256, size: body.size } } : { state: "refused", status: r.status };
      if (body && (body.sha256 !== f.sha256 || body.size !== f.size))
        problems.push(`upload ${i} was acknowledged with ${body.sha256}/${body.size}, sent ${f.sha256}/${f.size}`);
    } catch (err) {
      uploadOutcomes[i] = { state: "broken", error: (err as Error).message };
    }
  });
  const submissions = Object.entries(drafts).flatMap(([email, ids]) => ids.map((id) => ({ email, id })));
  const submitOutcomes: Outcome<string>[] = new Array(submissions.length);
  const ackedCount = () => uploadOutcomes.filter((x) => x?.state === "acked").length;
  // Once a few uploads are in, all submissions go at once (they queue on the log's counter), and
  // the kill follows as soon as some of them are acknowledged: others are mid-transaction.
  while (performance.now() - started < 20_000 && ackedCount() < 5) await sleep(20);
  const submitFrom = performance.now();
  const submitRuns = submissions.map(async (s, i) => {
    try {
      const r = await callAction(o, cookies[s.email]!, submit, `/vendor/attestations/${s.id}/submit`, {
        attestationId: s.id,
        signerName: "Fault Test Signer",
        signerTitle: "CISO",
        confirm: true,
      });
      const result = r.status === 200 ? actionResult(r.body) : null;
      const digest = result?.ok ? String(result.data?.digest ?? "") : "";
      submitOutcomes[i] = digest ? { state: "acked", value: digest } : { state: "refused", status: r.status };
    } catch (err) {
      submitOutcomes[i] = { state: "broken", error: (err as Error).message };
    }
  });
  // Kill once some submissions are acknowledged while uploads are still streaming into staging on the server.
  const staging = () => (fs.existsSync(tmpDir) ? fs.readdirSync(tmpDir).filter((n) => n.endsWith(".part")).length : 0);
  const smallDone = () => uploadOutcomes.slice(0, UPLOADS / 2).filter(Boolean).length === UPLOADS / 2;
  while (performance.now() - submitFrom < 15_000 && !(submitOutcomes.filter((x) => x?.state === "acked").length >= 3 && smallDone() && staging() >= 2))
    await sleep(5);
  const midStream = staging();
  const killAt = performance.now();
  await portal.kill("SIGKILL");
  await Promise.all([...uploadRuns, ...submitRuns]);
  const killedAfter = ((killAt - started) / 1000).toFixed(2);

  const count = <T>(xs: Outcome<T>[], s: Outcome<T>["state"]) => xs.filter((x) => x.state === s).length;
  const ackedUploads = uploadOutcomes.flatMap((x) => (x.state === "acked" ? [x.value] : []));
  figures.push(`killed (SIGKILL) ${killedAfter} s into the load, ${((killAt - submitFrom) / 1000).toFixed(2)} s after the submissions were sent`);
  figures.push(
    `uploads: ${ackedUploads.length} acknowledged, ${count(uploadOutcomes, "broken")} cut off by the kill (${midStream} of them streaming into staging on the server at that moment), ${count(uploadOutcomes, "refused")} refused`,
  );
  figures.push(
    `submissions: ${count(submitOutcomes, "acked")} acknowledged, ${count(submitOutcomes, "broken")} cut off or refused a connection, ${count(submitOutcomes, "refused")} refused`,
  );

  const restartFrom = performance.now();
  portal = await startPortal(opts);
  figures.push(`restarted and healthy in ${((performance.now() - restartFrom) / 1000).toFixed(1)} s`);

  const ev = await checkEvidence(sql, path.join(dataDir, "blobs"), ackedUploads, since);
  problems.push(...ev.problems);
  figures.push(
    `files: ${ev.ackedVerified}/${ackedUploads.length} acknowledged uploads verified (row, size, SHA-256, log event); ${ev.fileRows} file versions and ${ev.blobsHashed} stored objects re-hashed; ${ev.unacknowledgedCommitted} committed without an answer reaching the client`,
  );
  figures.push(
    `leftovers: ${ev.staging.files} staging files (${(ev.staging.bytes / MIB).toFixed(1)} MiB, referenced by nothing; the first start-up after they are an hour old removes them), ${ev.orphanObjects} stored objects without a row`,
  );

  const subs = await checkSubmissions(
    sql,
    submissions.map((s) => s.id),
    submitOutcomes,
  );
  problems.push(...subs.problems);
  figures.push(
    `attestations: ${subs.ackedVerified}/${count(submitOutcomes, "acked")} acknowledged submissions verified (status, digest, log event); of ${submissions.length}, ${subs.submitted} submitted (${subs.submitted - subs.ackedVerified} committed without an answer reaching the client) and ${subs.untouched} untouched drafts, none half-way`,
  );

  const after = await servesNormally(
    o,
    cookies,
    ackedUploads[0],
    submissions.find((_, i) => subs.untouchedIndexes.includes(i)),
    submit,
  );
  problems.push(...after.problems);
  figures.push(`after restart: ${after.summary}`);

  const lg = await checkLog(sql, portalEnv(opts));
  problems.push(...lg.problems);
  figures.push(
    `log: ${lg.events} events, sequence gapless and leaf hashes match; npm run audit:verify: ${lg.auditVerify === "absent" ? "not in this checkout (skipped)" : lg.auditVerify}`,
  );
  await portal.kill("SIGTERM");
  return { name: "server killed during uploads and submissions", pass: problems.length === 0, figures, problems, seconds: (performance.now() - t0) / 1000 };
}

async function checkSubmissions(sql: Sql, ids: string[], outcomes: Outcome<string>[]) {
  const rows = await sql<{ id: string; status: string; digest: string | null; audited: boolean }[]>`
    select a.id, a.status::text as status, s.digest,
      exists (select 1 from audit_events e where e.target_type = 'attestation' and e.target_id = a.id::text and e.action = 'attestation.submitted') as audited
    from attestations a left join attestation_submissions s on s.attestation_id = a.id where a.id in ${sql(ids)}`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: string[] = [];
  let ackedVerified = 0;
  let submitted = 0;
  let untouched = 0;
  const untouchedIndexes: number[] = [];
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r) return void problems.push(`attestation ${id} is missing`);
    const whole = r.status !== "draft" && r.digest !== null && r.audited;
    const none = r.status === "draft" && r.digest === null && !r.audited;
    if (whole) submitted++;
    else if (none) {
      untouched++;
      untouchedIndexes.push(i);
    } else
      problems.push(
        `attestation ${id} is half-submitted: status ${r.status}, submission ${r.digest ? "present" : "absent"}, log event ${r.audited ? "present" : "absent"}`,
      );
    const o = outcomes[i]!;
    if (o.state === "acked") {
      if (whole && r.digest === o.value) ackedVerified++;
      else problems.push(`acknowledged submission of ${id} (digest ${o.value}) is not stored as acknowledged`);
    }
  });
  return { problems, ackedVerified, submitted, untouched, untouchedIndexes };
}

/** The restarted server works: old sessions, pages, a new upload read back, an acknowledged file read back, a submission. */
async function servesNormally(
  o: string,
  cookies: Record<string, string>,
  acked: AckedUpload | undefined,
  draft: { email: string; id: string } | undefined,
  submit: { id: string },
) {
  const problems: string[] = [];
  const done: string[] = [];
  const officer = cookies["officer@aegis.example"]!;
  const page = await get(`${o}/vendor/evidence`, { cookie: officer });
  if (page.status === 200) done.push("session from before the kill still valid (/vendor/evidence 200)");
  else problems.push(`after restart /vendor/evidence answered ${page.status}`);
  const fresh = await signIn(o, "contributor@aegis.example", DEMO_PASSWORD);
  const query = new URLSearchParams({ title: "After the restart", kind: "document", fileName: "after-restart.log" });
  const text = Buffer.from(`written after the restart ${new Date().toISOString()}\n`);
  const up = await streamUpload(`${o}/api/evidence/upload?${query}`, { cookie: fresh, origin: o }, [text], text.length, 0).catch(
    (e: Error) => ({ status: 0, body: e.message }) as Answer,
  );
  if (up.status === 201) done.push("new upload 201");
  else problems.push(`upload after restart answered ${up.status}: ${up.body.slice(0, 200)}`);
  if (acked) {
    const dl = await downloadDigest(`${o}/api/evidence/${acked.id}/download`, { cookie: officer }).catch(() => null);
    if (dl?.status === 200 && dl.sha256 === acked.sha256 && dl.size === acked.size) done.push("an acknowledged file downloads with the same SHA-256 and size");
    else
      problems.push(`download of acknowledged upload ${acked.id}: ${dl?.status ?? "no answer"}, ${dl?.sha256 === acked.sha256 ? "same" : "different"} SHA-256`);
  }
  if (draft) {
    const r = await callAction(o, cookies[draft.email]!, submit, `/vendor/attestations/${draft.id}/submit`, {
      attestationId: draft.id,
      signerName: "Fault Test Signer",
      signerTitle: "CISO",
      confirm: true,
    });
    if (actionResult(r.body)?.ok) done.push("an untouched draft submitted");
    else problems.push(`submitting an untouched draft after restart failed: ${r.status} ${r.body.slice(0, 200)}`);
  }
  return { problems, summary: done.join("; ") };
}
