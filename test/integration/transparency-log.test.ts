import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { auditEvents, logCheckpoints } from "@/db/schema";
import type { Db } from "@/db/client";
import { appendEvent, resetLeafCache, signCheckpoint } from "@/lib/transparency/log";
import { setLogSignerForProcess } from "@/lib/transparency/keys";
import { generateSignerKey, parseSignerKey, signNote, formatCheckpoint } from "@/lib/transparency/note";
import { leafHash, rootHash, arraySource } from "@/lib/transparency/merkle";
import { canonicalize } from "@/lib/crypto/canonical-json";
import { verifyLog, type VerifyResult } from "@/lib/transparency/verify";
import { openTestDb } from "./test-db";
import { makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
const onPostgres = process.env.TEST_DB_DRIVER === "postgres";
// The acceptance figure (32 writers, 10,000 events) on PostgreSQL, where writers really run at once;
// the embedded database has one connection, so it gets a smaller run of the same test.
const WRITERS = onPostgres ? 32 : 8;
const EVENTS = onPostgres ? 10_000 : 1_500;

let t: Awaited<ReturnType<typeof openTestDb>>;
let owner: { db: Db; end: () => Promise<void> };
const signer = parseSignerKey(generateSignerKey("test.ringfence.example/log"));

beforeAll(async () => {
  t = await openTestDb();
  resetLeafCache();
  setLogSignerForProcess(signer);
  if (t.database.kind === "postgres") {
    // The table owner, as someone with database access would connect: not the application's role.
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const conn = postgres(t.database.url, { max: 1, onnotice: () => {} });
    owner = { db: drizzle(conn) as unknown as Db, end: () => conn.end() };
  } else {
    owner = { db: t.db, end: async () => {} };
  }
}, 120_000);

afterAll(async () => {
  await owner?.end();
  setLogSignerForProcess(undefined);
  resetLeafCache();
  await t?.dispose();
});

/** Tampers as the owner with triggers off, verifies inside the same transaction, and undoes it all. */
async function tampered(change: (tx: Db) => Promise<void>): Promise<VerifyResult> {
  let result: VerifyResult | undefined;
  await owner.db
    .transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await change(tx as unknown as Db);
      result = await verifyLog(tx as unknown as Db, signer);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return result!;
}
class Rollback extends Error {}

/** Drizzle wraps the database's message in "Failed query: …"; look at both. */
async function refused(q: Promise<unknown>, re: RegExp): Promise<void> {
  const err = await q.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(err, "the statement was accepted").not.toBeNull();
  expect(`${err!.message} ${err!.cause?.message ?? ""}`).toMatch(re);
}

const at = (seq: number) =>
  owner.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.seq, seq))
    .then((r) => r[0]!);

describe("the transparency log", () => {
  it(`${WRITERS} concurrent writers append ${EVENTS} events: gapless, and the tree verifies against signed checkpoints`, async () => {
    let next = 0;
    const writer = async (w: number) => {
      for (;;) {
        const i = next++;
        if (i >= EVENTS) return;
        await t.db.transaction(async (tx) => {
          await appendEvent(tx, {
            actor: { userId: null, organisationId: null, role: null },
            clientAddress: `10.0.0.${w}`,
            action: "test.appended",
            target: { type: "test", id: String(i) },
            details: { i, writer: w, text: "ünïcode ✓" },
          });
        });
        if (i === Math.floor(EVENTS / 3) || i === Math.floor(EVENTS / 2)) await signCheckpoint(t.db);
      }
    };
    // One writer's transactions also roll back: their numbers must not leave gaps.
    const rollingBack = async () => {
      for (let k = 0; k < 20; k++) {
        await t.db
          .transaction(async (tx) => {
            await appendEvent(tx, {
              actor: { userId: null, organisationId: null },
              clientAddress: null,
              action: "test.rolled_back",
              target: { type: "test" },
              details: {},
            });
            throw new Rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Rollback)) throw e;
          });
      }
    };
    await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), rollingBack()]);
    await signCheckpoint(t.db);

    const seqs = (await t.db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(asc(auditEvents.seq))).map((r) => Number(r.seq));
    expect(seqs.length).toBe(EVENTS);
    expect(seqs.every((s, i) => s === i)).toBe(true);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "test.rolled_back"))).toEqual([]);
    const cps = await t.db.select().from(logCheckpoints).orderBy(asc(logCheckpoints.treeSize));
    expect(cps.length).toBeGreaterThanOrEqual(2);
    expect(Number(cps[cps.length - 1]!.treeSize)).toBe(EVENTS);

    const r = await verifyLog(t.db, signer, { pageSize: 997 });
    expect(r.firstBad).toBeNull();
    expect(r).toMatchObject({ ok: true, events: EVENTS, checkpoints: cps.length, matchedCheckpoints: cps.length });
    // The root the verifier rebuilt is the one a plain recomputation gives.
    const leaves = (await t.db.select({ b: auditEvents.body }).from(auditEvents).orderBy(asc(auditEvents.seq))).map((x) => leafHash(x.b));
    expect(r.root).toBe(rootHash(arraySource(leaves), EVENTS).toString("hex"));
  }, 300_000);

  it("refuses updates, deletes and truncation: to the application's role and, by trigger, to the owner", async () => {
    await refused(t.db.execute(sql`update audit_events set action = 'x' where seq = 1`), /append-only|permission denied/);
    await refused(t.db.execute(sql`delete from audit_events where seq = 1`), /append-only|permission denied/);
    await refused(t.db.execute(sql`truncate audit_events`), /append-only|permission denied/);
    await refused(t.db.execute(sql`delete from log_checkpoints`), /append-only|permission denied/);
    await refused(t.db.execute(sql`update log_state set next_seq = 5`), /only moves forward|permission denied/);
    await refused(
      t.db.execute(sql`insert into audit_events (seq, at, action, target_type, details, body, leaf_hash) values (999999, now(), 'x', 'x', '{}', '{}', 'x')`),
      /out of order|permission denied/,
    );
    if (onPostgres) {
      // The application's role lacks the privilege outright…
      await refused(t.db.execute(sql`update audit_events set action = 'x' where seq = 1`), /permission denied/);
      // …and the owner is stopped by the trigger.
      await refused(owner.db.execute(sql`update audit_events set action = 'x' where seq = 1`), /append-only/);
      await refused(owner.db.execute(sql`delete from audit_events where seq = 1`), /append-only/);
      await refused(owner.db.execute(sql`truncate audit_events`), /append-only/);
    }
    expect((await verifyLog(t.db, signer)).ok).toBe(true);
  });

  describe("each tampering made directly in the database is found, with the first bad event", () => {
    const K = Math.floor(EVENTS * 0.7);

    it("a changed detail", async () => {
      const r = await tampered((tx) => tx.execute(sql`update audit_events set details = jsonb_set(details, '{i}', '1') where seq = ${K}`).then(() => {}));
      expect(r.ok).toBe(false);
      expect(r.firstBad).toMatchObject({ seq: K, exact: true });
      expect(r.firstBad!.reason).toMatch(/detail/);
    });

    it("a changed detail with its bytes and leaf hash rewritten to match", async () => {
      const row = await at(K);
      const body = canonicalize({ ...JSON.parse(row.body), detail: { ...row.details, i: 1 } });
      const r = await tampered((tx) =>
        tx
          .execute(
            sql`update audit_events set body = ${body}, leaf_hash = ${leafHash(body).toString("hex")}, details = ${JSON.stringify(JSON.parse(body).detail)}::jsonb where seq = ${K}`,
          )
          .then(() => {}),
      );
      expect(r.ok).toBe(false);
      // Only the signed checkpoint can tell: the bad event lies after the last checkpoint that still matches.
      const lastGood = Math.floor(EVENTS / 2) + 1;
      expect(r.firstBad!.exact).toBe(false);
      expect(r.firstBad!.seq).toBeLessThanOrEqual(K);
      expect(r.firstBad!.seq).toBeGreaterThanOrEqual(lastGood - 1);
      expect(r.firstBad!.reason).toMatch(/do not give the root signed in checkpoint/);
    });

    it("a deleted event", async () => {
      const r = await tampered((tx) => tx.execute(sql`delete from audit_events where seq = ${K}`).then(() => {}));
      expect(r.firstBad).toMatchObject({ seq: K, exact: true });
      expect(r.firstBad!.reason).toMatch(/missing/);
    });

    it("two swapped events", async () => {
      const [a, b] = [await at(K), await at(K + 5)];
      const r = await tampered(async (tx) => {
        await tx.execute(sql`update audit_events set seq = -1 where seq = ${K}`);
        await tx.execute(sql`update audit_events set seq = ${K} where seq = ${K + 5}`);
        await tx.execute(sql`update audit_events set seq = ${K + 5} where seq = -1`);
      });
      expect(a.seq).toBe(K);
      expect(b.seq).toBe(K + 5);
      expect(r.firstBad).toMatchObject({ seq: K, exact: true });
      expect(r.firstBad!.reason).toMatch(/swapped|renumbered/);
    });

    it("a truncated tail, against the last checkpoint", async () => {
      const cut = EVENTS - 40;
      const r = await tampered(async (tx) => {
        await tx.execute(sql`delete from audit_events where seq >= ${cut}`);
        await tx.execute(sql`update log_state set next_seq = ${cut}`);
      });
      expect(r.firstBad).toMatchObject({ seq: cut, exact: true });
      expect(r.firstBad!.reason).toMatch(/events .* are gone/);
    });

    it("a forged checkpoint signature", async () => {
      const last = (await owner.db.select().from(logCheckpoints).orderBy(asc(logCheckpoints.treeSize))).at(-1)!;
      const forger = parseSignerKey(generateSignerKey(signer.name));
      const forged = signNote(
        formatCheckpoint({ origin: "test.ringfence.example/log", size: Number(last.treeSize) + 1, root: Buffer.alloc(32, 9), extensions: [] }),
        forger,
      );
      const r = await tampered((tx) =>
        tx
          .insert(logCheckpoints)
          .values({
            treeSize: Number(last.treeSize) + 1,
            rootHash: Buffer.alloc(32, 9).toString("hex"),
            note: forged,
            keyName: signer.name,
            previousSize: Number(last.treeSize),
            consistencyProof: [],
          })
          .then(() => {}),
      );
      expect(r.ok).toBe(false);
      expect(r.firstBad!.reason).toMatch(/checkpoint \d+: (the signature does not verify|the note carries no signature)/);
      expect(r.firstBad!.seq).toBe(Number(last.treeSize));
    });

    it("a checkpoint inconsistent with an earlier one (history rewritten and re-signed with the real key)", async () => {
      const cps = await owner.db.select().from(logCheckpoints).orderBy(asc(logCheckpoints.treeSize));
      const first = cps[0]!;
      const last = cps.at(-1)!;
      // Rewrite an event inside the first checkpoint, rebuild the tree and sign the result as the newest checkpoint.
      const victim = Math.floor(Number(first.treeSize) / 2);
      const row = await at(victim);
      const body = canonicalize({ ...JSON.parse(row.body), detail: { ...row.details, i: -1 } });
      const r = await tampered(async (tx) => {
        await tx.execute(
          sql`update audit_events set body = ${body}, leaf_hash = ${leafHash(body).toString("hex")}, details = ${JSON.stringify(JSON.parse(body).detail)}::jsonb where seq = ${victim}`,
        );
        const leaves = (await tx.select({ h: auditEvents.leafHash }).from(auditEvents).orderBy(asc(auditEvents.seq))).map((x) => Buffer.from(x.h, "hex"));
        const root = rootHash(arraySource(leaves), leaves.length);
        const size = leaves.length + 0;
        await tx.delete(logCheckpoints).where(eq(logCheckpoints.treeSize, last.treeSize));
        const note = signNote(formatCheckpoint({ origin: "test.ringfence.example/log", size, root, extensions: [] }), signer);
        await tx.insert(logCheckpoints).values({
          treeSize: size,
          rootHash: root.toString("hex"),
          note,
          keyName: signer.name,
          previousSize: Number(cps.at(-2)!.treeSize),
          consistencyProof: last.consistencyProof,
        });
      });
      expect(r.ok).toBe(false);
      const reasons = r.firstBad!.reason;
      expect(reasons).toMatch(/not consistent with checkpoint|do not give the root signed in checkpoint/);
      expect(r.firstBad!.seq).toBeLessThanOrEqual(victim);
    });

    it("and after all that, the real log still verifies", async () => {
      const r = await verifyLog(t.db, signer);
      expect(r.ok).toBe(true);
      expect(r.events).toBe(EVENTS);
    });
  });

  it("verifying while events are appended reports no false problem (it checks the size committed when it began)", async () => {
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; writing && i < 400; i++) {
        await t.db.transaction(async (tx) => {
          await appendEvent(tx, {
            actor: { userId: null, organisationId: null, role: null },
            clientAddress: null,
            action: "test.during_verify",
            target: { type: "test", id: `${w}-${i}` },
            details: { w, i },
          });
        });
      }
    });
    const results: VerifyResult[] = [];
    for (let round = 0; round < 5; round++) results.push(await verifyLog(t.db, signer, { pageSize: 53 }));
    writing = false;
    await Promise.all(writers);
    for (const r of results) expect(r.firstBad, JSON.stringify(r.firstBad)).toBeNull();
    expect(results.some((r) => r.events > EVENTS)).toBe(true);
  }, 300_000);
});
