// What the fault scripts check after a fault: stored files against their database rows,
// attestations all-or-nothing, the audit log gapless with leaf hashes that match, and
// `npm run audit:verify` when the project has it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";

export type AckedUpload = { id: string; sha256: string; size: number };

export type EvidenceReport = {
  ackedVerified: number;
  problems: string[];
  fileRows: number;
  blobsHashed: number;
  /** Committed rows whose answer never reached the client (the server died after the commit). */
  unacknowledgedCommitted: number;
  orphanObjects: number;
  staging: { files: number; bytes: number };
};

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest("hex"), size };
}

const objectPath = (blobsDir: string, sha: string) => path.join(blobsDir, "objects", sha.slice(0, 2), sha.slice(2, 4), sha);

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Every file version in the database points at a stored object of the recorded size whose
 * content hashes to its name; every acknowledged upload is there; every object on disk is
 * whole (content = name); staging leftovers are counted (never referenced by a row).
 */
export async function checkEvidence(sql: Sql, blobsDir: string, acked: AckedUpload[], since: Date): Promise<EvidenceReport> {
  const problems: string[] = [];
  const versions = await sql<{ evidenceId: string; version: number; sha: string; size: string | null }[]>`
    select v.evidence_id as "evidenceId", v.version, v.blob_sha256 as sha, b.size::text as size
    from evidence_versions v left join blobs b on b.sha256 = v.blob_sha256`;
  const inconsistent = await sql<{ id: string }[]>`
    select i.id from evidence_items i
    where i.blob_sha256 is not null and not exists (
      select 1 from evidence_versions v where v.evidence_id = i.id and v.version = i.current_version and v.blob_sha256 = i.blob_sha256)`;
  for (const r of inconsistent) problems.push(`evidence ${r.id}: its current version has no matching version row`);
  const verified = new Map<string, { ok: boolean; size: number }>();
  for (const v of versions) {
    if (v.size === null) {
      problems.push(`evidence ${v.evidenceId} v${v.version}: no blob row for ${v.sha}`);
      continue;
    }
    let seen = verified.get(v.sha);
    if (!seen) {
      const file = objectPath(blobsDir, v.sha);
      if (!fs.existsSync(file)) seen = { ok: false, size: -1 };
      else {
        const d = await sha256File(file);
        seen = { ok: d.sha256 === v.sha && d.size === Number(v.size), size: d.size };
      }
      verified.set(v.sha, seen);
    }
    if (!seen.ok)
      problems.push(
        `evidence ${v.evidenceId} v${v.version}: stored file ${v.sha} ${seen.size < 0 ? "is missing" : `does not match (size ${seen.size}, recorded ${v.size})`}`,
      );
  }

  let ackedVerified = 0;
  const ackedIds = new Set(acked.map((a) => a.id));
  for (const a of acked) {
    const [row] = await sql<{ sha: string | null; size: string | null; audited: boolean }[]>`
      select i.blob_sha256 as sha, b.size::text as size,
        exists (select 1 from audit_events e where e.target_type = 'evidence' and e.target_id = ${a.id} and e.action = 'evidence.uploaded') as audited
      from evidence_items i left join blobs b on b.sha256 = i.blob_sha256 where i.id = ${a.id}`;
    if (!row) problems.push(`acknowledged upload ${a.id} is missing`);
    else if (row.sha !== a.sha256 || Number(row.size) !== a.size)
      problems.push(`acknowledged upload ${a.id}: row says ${row.sha} (${row.size} bytes), the answer said ${a.sha256} (${a.size})`);
    else if (!verified.get(a.sha256)?.ok) problems.push(`acknowledged upload ${a.id}: its file is not intact`);
    else if (!row.audited) problems.push(`acknowledged upload ${a.id}: no evidence.uploaded event in the log`);
    else ackedVerified++;
  }
  // A row written in this run without its log event would be a half-written change.
  const recent = await sql<{ id: string; audited: boolean }[]>`
    select i.id, exists (select 1 from audit_events e where e.target_type = 'evidence' and e.target_id = i.id::text) as audited
    from evidence_items i where i.blob_sha256 is not null and i.created_at >= ${since}`;
  for (const r of recent) if (!r.audited) problems.push(`evidence ${r.id}: written without its log event`);
  const unacknowledgedCommitted = recent.filter((r) => !ackedIds.has(r.id)).length;

  // Objects are complete by construction (staged, fsynced, then linked under their hash): check it.
  const referenced = new Set(versions.map((v) => v.sha));
  let orphanObjects = 0;
  for (const file of walk(path.join(blobsDir, "objects"))) {
    const name = path.basename(file);
    if (verified.has(name)) continue;
    const d = await sha256File(file);
    if (d.sha256 !== name) problems.push(`object ${name} on disk does not hash to its name (partial or corrupt)`);
    if (!referenced.has(name)) orphanObjects++;
  }
  const staged = walk(path.join(blobsDir, "tmp"));
  const staging = { files: staged.length, bytes: staged.reduce((n, f) => n + fs.statSync(f).size, 0) };
  return { ackedVerified, problems, fileRows: versions.length, blobsHashed: verified.size, unacknowledgedCommitted, orphanObjects, staging };
}

export type LogReport = { events: number; problems: string[]; auditVerify: "passed" | "failed" | "absent"; auditVerifyOutput: string };

/**
 * The log's own invariants, checked directly (sequence 0..n-1 without gaps, each leaf hash
 * = SHA-256(0x00 ‖ body)), then the project's verifier, `npm run audit:verify`, when present.
 */
export async function checkLog(sql: Sql, env: Record<string, string>): Promise<LogReport> {
  const problems: string[] = [];
  const [agg] = await sql<
    { n: string; lo: string | null; hi: string | null }[]
  >`select count(*)::text as n, min(seq)::text as lo, max(seq)::text as hi from audit_events`;
  const n = Number(agg?.n ?? 0);
  if (n > 0 && (Number(agg?.lo) !== 0 || Number(agg?.hi) !== n - 1)) problems.push(`sequence has gaps: ${n} events numbered ${agg?.lo}..${agg?.hi}`);
  let checked = 0;
  for (let from = 0; from < n; from += 5000) {
    const rows = await sql<
      { seq: string; body: string; leafHash: string }[]
    >`select seq::text, body, leaf_hash as "leafHash" from audit_events where seq >= ${from} and seq < ${from + 5000} order by seq`;
    for (const r of rows) {
      const h = createHash("sha256")
        .update(Buffer.from([0]))
        .update(Buffer.from(r.body, "utf8"))
        .digest("hex");
      if (h !== r.leafHash && problems.length < 5) problems.push(`event ${r.seq}: leaf hash does not match its body`);
      checked++;
    }
  }
  if (checked !== n) problems.push(`read ${checked} of ${n} events`);
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.["audit:verify"]) return { events: n, problems, auditVerify: "absent", auditVerifyOutput: "" };
  const r = spawnSync("npm", ["run", "--silent", "audit:verify"], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 300_000 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
  if (r.status !== 0) problems.push(`npm run audit:verify exited with ${r.status}: ${output.split("\n").slice(-3).join(" | ")}`);
  return { events: n, problems, auditVerify: r.status === 0 ? "passed" : "failed", auditVerifyOutput: output };
}
