import { and, asc, desc, eq, gt, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, logCheckpoints, logState } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { eventBody, type LogEventBody } from "./event";
import { logSigner, logVerifierKey } from "./keys";
import { consistencyProof, inclusionProof, leafHash, nodeHash, rootHash, type Hash, type LeafSource } from "./merkle";
import { formatCheckpoint, signNote } from "./note";

export type AppendInput = {
  actor: { userId: string | null; organisationId: string | null; role?: string | null };
  clientAddress: string | null;
  action: string;
  target: { type: string; id?: string | null };
  details: Record<string, unknown>;
};

/**
 * Appends one event in the caller's transaction. Taking the next number locks
 * the counter row until that transaction ends, so numbers are gapless and
 * committed events always form a prefix of the log; the Merkle tree is built
 * later (checkpoints), never here. Call it as late in the transaction as you can.
 */
export async function appendEvent(db: DbOrTx, e: AppendInput): Promise<{ seq: number; leafHash: string }> {
  // Outside a transaction the number and the row would be two commits: make it one.
  if (!("rollback" in db)) return db.transaction((tx) => appendEvent(tx, e));
  const [slot] = await db
    .update(logState)
    .set({ nextSeq: sql`${logState.nextSeq} + 1` })
    .where(eq(logState.id, 1))
    .returning({
      seq: sql<number>`${logState.nextSeq} - 1`.mapWith(Number),
      at: sql<string>`to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    });
  if (!slot) throw new Error("the log counter is missing (migration 0009 not applied?)");
  const body = eventBody({
    seq: slot.seq,
    at: slot.at,
    actor: { user: e.actor.userId, org: e.actor.organisationId, role: e.actor.role ?? null },
    client: e.clientAddress,
    action: e.action,
    object: { type: e.target.type, id: e.target.id ?? null },
    detail: e.details,
  });
  const parsed = JSON.parse(body) as LogEventBody;
  const leaf = leafHash(body).toString("hex");
  await db.insert(auditEvents).values({
    seq: slot.seq,
    at: new Date(slot.at),
    actorUserId: parsed.actor.user,
    actorOrganisationId: parsed.actor.org,
    actorRole: parsed.actor.role,
    clientAddress: parsed.client,
    action: parsed.action,
    targetType: parsed.object.type,
    targetId: parsed.object.id,
    details: parsed.detail,
    body,
    leafHash: leaf,
  });
  return { seq: slot.seq, leafHash: leaf };
}

/** Committed events (they are always a prefix of the log: see appendEvent). */
export async function committedSize(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: logState.nextSeq }).from(logState).where(eq(logState.id, 1));
  return Number(row?.n ?? 0);
}

const CHUNK = 256;

/**
 * The leaf hashes of this process, loaded from the database as the log grows,
 * with the hash of every complete aligned block of 256 leaves kept so roots and
 * proofs over a million events cost a few thousand hashes, not a million.
 */
class LeafCache implements LeafSource {
  private leaves: Hash[] = [];
  private blocks: Hash[] = [];

  get size(): number {
    return this.leaves.length;
  }

  leaf(i: number): Hash {
    const l = this.leaves[i];
    if (!l) throw new RangeError(`leaf ${i} is not loaded`);
    return l;
  }

  perfect(start: number, size: number): Hash | undefined {
    if (size === CHUNK && start % CHUNK === 0) return this.blocks[start / CHUNK];
    if (size > CHUNK && start % size === 0 && start + size <= this.blocks.length * CHUNK) {
      // Combine cached blocks: a power-of-two run of them.
      let level = this.blocks.slice(start / CHUNK, (start + size) / CHUNK);
      while (level.length > 1) {
        const next: Hash[] = [];
        for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
        level = next;
      }
      return level[0];
    }
    return undefined;
  }

  private loading: Promise<void> = Promise.resolve();

  /**
   * Loads leaves up to `size`, one loader at a time. Events from `bodiesFrom`
   * on (those no checkpoint covers yet) are rehashed from their stored bytes,
   * so a checkpoint is never signed over an event whose bytes were changed.
   */
  extendTo(db: DbOrTx, size: number, bodiesFrom: number): Promise<void> {
    const run = this.loading.then(() => this.load(db, size, bodiesFrom));
    this.loading = run.catch(() => {});
    return run;
  }

  private async load(db: DbOrTx, size: number, bodiesFrom: number): Promise<void> {
    while (this.leaves.length < size) {
      const from = this.leaves.length;
      const rehash = from >= bodiesFrom;
      const upTo = rehash ? size : Math.min(size, bodiesFrom);
      const rows = await db
        .select({ seq: auditEvents.seq, leafHash: auditEvents.leafHash, body: rehash ? auditEvents.body : sql<null>`null` })
        .from(auditEvents)
        .where(and(gte(auditEvents.seq, from), lt(auditEvents.seq, upTo)))
        .orderBy(asc(auditEvents.seq))
        .limit(rehash ? 5_000 : 50_000);
      if (!rows.length) throw new LogIntegrityError(from, `log event ${from} is missing`);
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== this.leaves.length) throw new LogIntegrityError(this.leaves.length, `log event ${this.leaves.length} is missing`);
        const leaf = Buffer.from(r.leafHash, "hex");
        if (r.body !== null && !leafHash(r.body).equals(leaf)) throw new LogIntegrityError(seq, `log event ${seq} does not match its leaf hash`);
        this.leaves.push(leaf);
        if (this.leaves.length % CHUNK === 0) this.blocks.push(subtree(this.leaves, this.leaves.length - CHUNK, CHUNK));
      }
    }
  }
}

export class LogIntegrityError extends Error {
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(message);
    this.name = "LogIntegrityError";
  }
}

function subtree(leaves: Hash[], start: number, size: number): Hash {
  return rootHash({ leaf: (i) => leaves[start + i]! }, size);
}

const holder = globalThis as unknown as { __ringfenceLeaves?: LeafCache };
function cache(): LeafCache {
  holder.__ringfenceLeaves ??= new LeafCache();
  return holder.__ringfenceLeaves;
}

/** Tests that rebuild the database start from an empty cache. */
export function resetLeafCache(): void {
  holder.__ringfenceLeaves = undefined;
}

/** The tree over the first `size` committed events. */
export async function treeAt(db: DbOrTx, size: number): Promise<LeafSource> {
  const c = cache();
  if (c.size < size) {
    const last = await latestCheckpoint(db);
    const covered = last ? Math.min(last.treeSize, size) : 0;
    const before = c.size;
    await c.extendTo(db, size, covered);
    // Leaves read without their bytes must give the root the last checkpoint signed.
    if (last && before < covered && covered === last.treeSize && rootHash(c, covered).toString("hex") !== last.rootHash) {
      resetLeafCache();
      throw new LogIntegrityError(0, `the log does not match checkpoint ${last.treeSize}: run npm run audit:verify to find the first changed event`);
    }
  }
  return c;
}

export type SignedCheckpoint = { treeSize: number; rootHash: string; note: string; previousSize: number | null; consistencyProof: string[] };

export async function latestCheckpoint(db: DbOrTx): Promise<SignedCheckpoint | null> {
  const [row] = await db.select().from(logCheckpoints).orderBy(desc(logCheckpoints.treeSize)).limit(1);
  return row ? toSigned(row) : null;
}

function toSigned(row: typeof logCheckpoints.$inferSelect): SignedCheckpoint {
  return {
    treeSize: Number(row.treeSize),
    rootHash: row.rootHash,
    note: row.note,
    previousSize: row.previousSize === null ? null : Number(row.previousSize),
    consistencyProof: row.consistencyProof,
  };
}

/**
 * Signs a checkpoint over every committed event, with the consistency proof
 * from the previous checkpoint; nothing new when the log has not grown (an
 * empty log is signed only with `force`). Returns the newest checkpoint.
 */
export async function signCheckpoint(db: DbOrTx, opts: { force?: boolean } = {}): Promise<SignedCheckpoint | null> {
  const size = await committedSize(db);
  const previous = await latestCheckpoint(db);
  if (previous && previous.treeSize >= size) return previous;
  if (!previous && size === 0 && !opts.force) return null;
  const tree = await treeAt(db, size);
  const root = rootHash(tree, size);
  const signer = logSigner();
  const note = signNote(formatCheckpoint({ origin: getConfig().log.origin, size, root, extensions: [] }), signer);
  const proof = previous ? consistencyProof(tree, previous.treeSize, size).map((h) => h.toString("hex")) : [];
  const row = { treeSize: size, rootHash: root.toString("hex"), note, keyName: signer.name, previousSize: previous?.treeSize ?? null, consistencyProof: proof };
  // Another instance may have signed the same size a moment ago: theirs stands.
  await db.insert(logCheckpoints).values(row).onConflictDoNothing();
  return (await latestCheckpoint(db)) ?? row;
}

/** The oldest checkpoint that covers event `seq`, signing one now if none does yet. */
export async function checkpointCovering(db: DbOrTx, seq: number): Promise<SignedCheckpoint> {
  const [row] = await db.select().from(logCheckpoints).where(gt(logCheckpoints.treeSize, seq)).orderBy(asc(logCheckpoints.treeSize)).limit(1);
  if (row) return toSigned(row);
  const signed = await signCheckpoint(db, { force: true });
  if (!signed || signed.treeSize <= seq) throw new Error(`event ${seq} is not committed yet`);
  return signed;
}

export async function listCheckpoints(db: DbOrTx, limit = 100, beforeSize?: number): Promise<SignedCheckpoint[]> {
  const rows = await db
    .select()
    .from(logCheckpoints)
    .where(beforeSize === undefined ? undefined : lt(logCheckpoints.treeSize, beforeSize))
    .orderBy(desc(logCheckpoints.treeSize))
    .limit(limit);
  return rows.map(toSigned);
}

export async function proveConsistency(db: DbOrTx, from: number, to: number): Promise<string[]> {
  const tree = await treeAt(db, to);
  return consistencyProof(tree, from, to).map((h) => h.toString("hex"));
}

export async function proveInclusion(db: DbOrTx, seq: number, size: number): Promise<string[]> {
  const tree = await treeAt(db, size);
  return inclusionProof(tree, seq, size).map((h) => h.toString("hex"));
}

export { logVerifierKey };
