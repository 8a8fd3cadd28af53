import { and, asc, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, logCheckpoints, logState } from "@/db/schema";
import { canonicalize } from "@/lib/crypto/canonical-json";
import { parseEventBody } from "./event";
import { eventPages, type EventRow } from "./event-pages";
import { leafHash, TreeBuilder, verifyConsistency } from "./merkle";
import { NoteError, openNote, parseCheckpoint, type Verifier } from "./note";

/**
 * Checks the whole log against itself and its signed checkpoints:
 *  - every checkpoint is signed by the log's key, says what its row says, and
 *    each is consistent with the one before it (RFC 9162 consistency proof);
 *  - events are numbered 0, 1, 2… without a gap; each stored body is a
 *    well-formed event carrying its own number, hashes to its leaf hash, and
 *    agrees with the columns the portal filters on;
 *  - the Merkle root over the events equals the root every checkpoint signed,
 *    and no checkpoint covers more events than the log holds.
 * It names the first bad event. Where only a checkpoint catches a change (the
 * bytes and hash were rewritten together), the first bad event lies after the
 * last checkpoint that still matches: `exact` is then false.
 */
export type VerifyProblem = { seq: number; exact: boolean; reason: string; /** For a range found by a checkpoint: its last event. */ upTo?: number };
export type VerifyResult = {
  ok: boolean;
  events: number;
  checkpoints: number;
  /** Checkpoint sizes whose root the events reproduced. */
  matchedCheckpoints: number;
  root: string;
  firstBad: VerifyProblem | null;
  /** The first twenty problems found, by position. */
  problems: VerifyProblem[];
  /** Verification started after this trusted tree size (its events' bytes were not rechecked). */
  from: number;
  ms: number;
};

export type TrustedCheckpoint = { note: string };

export async function verifyLog(
  db: DbOrTx,
  verifier: Verifier,
  opts: { trusted?: TrustedCheckpoint; pageSize?: number; onProgress?: (done: number) => void } = {},
): Promise<VerifyResult> {
  const started = performance.now();
  const pageSize = opts.pageSize ?? 10_000;
  const problems: VerifyProblem[] = [];
  const note = (p: VerifyProblem) => problems.push(p);

  // 1. Checkpoints: signature, row agreement, consistency with the previous one.
  const cpRows = await db.select().from(logCheckpoints).orderBy(asc(logCheckpoints.treeSize));
  // The log's committed size, read after the checkpoints (each covers committed events only): the
  // counter and the event taking its number commit together, so every number below it is committed.
  // Events appended while this runs are past it and left for the next verification.
  const [state] = await db.select({ next: logState.nextSeq }).from(logState);
  const committed = state ? Number(state.next) : Number.POSITIVE_INFINITY;
  if (!state) note({ seq: 0, exact: false, reason: "the log counter row is missing" });
  const roots = new Map<number, Buffer>();
  let prev: { size: number; root: Buffer } | null = null;
  for (const row of cpRows) {
    const size = Number(row.treeSize);
    let cp;
    try {
      cp = parseCheckpoint(openNote(row.note, verifier));
    } catch (err) {
      note({ seq: size > 0 ? size - 1 : 0, exact: false, reason: `checkpoint ${size}: ${err instanceof NoteError ? err.message : String(err)}` });
      continue;
    }
    if (cp.size !== size || cp.root.toString("hex") !== row.rootHash) {
      note({ seq: Math.max(0, Math.min(size, cp.size) - 1), exact: false, reason: `checkpoint ${size}: its row does not say what its signed note says` });
      continue;
    }
    if (prev) {
      const proof = row.consistencyProof.map((h) => Buffer.from(h, "hex"));
      const from = row.previousSize === null ? null : Number(row.previousSize);
      if (from !== prev.size || !verifyConsistency(prev.size, size, prev.root, cp.root, proof)) {
        note({ seq: prev.size, exact: false, reason: `checkpoint ${size} is not consistent with checkpoint ${prev.size}: the log was rewritten between them` });
      }
    }
    roots.set(size, cp.root);
    prev = { size, root: cp.root };
  }

  // A checkpoint kept outside the portal.
  let trustedSize = 0;
  if (opts.trusted) {
    try {
      const cp = parseCheckpoint(openNote(opts.trusted.note, verifier));
      trustedSize = cp.size;
      const ours = roots.get(cp.size);
      if (ours && !ours.equals(cp.root))
        note({
          seq: Math.max(0, cp.size - 1),
          exact: false,
          reason: `the trusted checkpoint ${cp.size} has another root than the portal's checkpoint of that size`,
        });
      roots.set(cp.size, cp.root);
    } catch (err) {
      throw new Error(`the trusted checkpoint does not verify: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const sizes = [...roots.keys()].sort((a, b) => a - b);
  const lastSigned = sizes.length ? sizes[sizes.length - 1]! : 0;

  // 2. Events, in order (the next page is read while this one is checked).
  const tree = new TreeBuilder();
  let expected = 0;
  let matched = 0;
  let lastGood = 0;
  let gap = false;
  pages: for await (const page of eventPages(db, 0, pageSize)) {
    for (const row of page) {
      const seq = row.seq;
      if (seq >= committed && seq >= expected) break pages;
      if (seq !== expected) {
        note({ seq: expected, exact: true, reason: `event ${expected} is missing` });
        gap = true;
        break pages;
      }
      const leaf = Buffer.from(row.leafHash, "hex");
      if (seq >= trustedSize) {
        const problem = checkRow(row);
        if (problem) note({ seq, exact: true, reason: problem });
        else if (!leafHash(row.body).equals(leaf)) note({ seq, exact: true, reason: `event ${seq}: its bytes do not hash to its stored leaf hash` });
      }
      tree.push(leaf);
      expected++;
      const signed = roots.get(expected);
      if (signed) {
        if (tree.root().equals(signed)) {
          matched++;
          lastGood = expected;
        } else {
          note({
            seq: lastGood,
            upTo: expected - 1,
            exact: false,
            reason: `the events up to ${expected} do not give the root signed in checkpoint ${expected}: an event from ${lastGood} to ${expected - 1} was changed, removed or reordered`,
          });
        }
      }
    }
    opts.onProgress?.(expected);
  }
  if (!gap) {
    // Pages stop at the first short one: rows past a missing number are found here.
    // Only numbers below the committed size: later ones are events appended since this began.
    const [after] =
      expected < committed
        ? await db
            .select({ seq: auditEvents.seq })
            .from(auditEvents)
            .where(and(gte(auditEvents.seq, expected), lt(auditEvents.seq, Number.isFinite(committed) ? committed : Number.MAX_SAFE_INTEGER)))
            .orderBy(asc(auditEvents.seq))
            .limit(1)
        : [];
    if (after) {
      note({ seq: expected, exact: true, reason: `event ${expected} is missing (the next stored event is ${after.seq})` });
      gap = true;
    }
  }
  if (!gap && expected < lastSigned)
    note({
      seq: expected,
      exact: true,
      reason: `the log ends at ${expected} events but checkpoint ${lastSigned} was signed over ${lastSigned}: events ${expected} to ${lastSigned - 1} are gone`,
    });
  if (!gap && state && committed !== expected)
    note({ seq: Math.min(expected, committed), exact: true, reason: `the log counter says ${committed} events, the log holds ${expected}` });

  problems.sort((a, b) => a.seq - b.seq || Number(b.exact) - Number(a.exact));
  // A checkpoint only bounds a change to a range; an event found bad inside that range names it.
  let firstBad = problems[0] ?? null;
  if (firstBad && !firstBad.exact && firstBad.upTo !== undefined) {
    const end = firstBad.upTo;
    firstBad = problems.find((p) => p.exact && p.seq <= end) ?? firstBad;
  }
  return {
    ok: problems.length === 0,
    events: expected,
    checkpoints: cpRows.length,
    matchedCheckpoints: matched,
    root: tree.root().toString("hex"),
    firstBad,
    problems: problems.slice(0, 20),
    from: trustedSize,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Does the stored row agree with its body? The reason it does not, or null.
 * The body is parsed once; its bytes need not be re-serialised to check them,
 * because the leaf hash covers exactly the stored bytes.
 */
function checkRow(row: EventRow): string | null {
  const seq = row.seq;
  const e = parseEventBody(row.body);
  if (!e) return `event ${seq}: its stored bytes are not a well-formed event`;
  if (e.seq !== seq) return `event ${seq}: its bytes say it is event ${e.seq} (events were swapped or renumbered)`;
  const at = row.at.toISOString();
  if (e.at !== at) return `event ${seq}: its time column (${at}) differs from its bytes (${e.at})`;
  if (e.actor.user !== row.actorUserId || e.actor.org !== row.actorOrganisationId || e.actor.role !== row.actorRole)
    return `event ${seq}: its actor columns differ from its bytes`;
  if (e.client !== row.clientAddress) return `event ${seq}: its client address column differs from its bytes`;
  if (e.action !== row.action || e.object.type !== row.targetType || e.object.id !== row.targetId)
    return `event ${seq}: its action or object columns differ from its bytes`;
  if (canonicalize(row.details) !== canonicalize(e.detail)) return `event ${seq}: its detail column differs from its bytes`;
  return null;
}
