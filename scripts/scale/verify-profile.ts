// Where verifyLog's time goes (npm run bench:log): its page reads alone, two ways, then each of its
// per-event checks on rows already in memory, then the whole event pass as it could be.
import type postgres from "postgres";
import { and, asc, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { canonicalize } from "@/lib/crypto/canonical-json";
import { parseEventBody, type LogEventBody } from "@/lib/transparency/event";
import { eventPages, type EventRow } from "@/lib/transparency/event-pages";
import { leafHash, TreeBuilder } from "@/lib/transparency/merkle";
import { cpuLine, metered, seconds } from "./cpu-meter";

const PAGE = 10_000;

async function drizzlePages(db: Db, onPage: (rows: EventRow[]) => void): Promise<number> {
  let n = 0;
  for (let from = 0; ; from += PAGE) {
    const page = (await db
      .select()
      .from(auditEvents)
      .where(and(gte(auditEvents.seq, from), lt(auditEvents.seq, from + PAGE)))
      .orderBy(asc(auditEvents.seq))) as EventRow[];
    onPage(page);
    n += page.length;
    if (page.length < PAGE) return n;
  }
}

export async function profileVerify(db: Db, sql: postgres.Sql) {
  const a = await metered(sql, () => drizzlePages(db, () => {}));
  console.log(`  page reads alone, drizzle select() as verifyLog does (${PAGE.toLocaleString("en")} rows a page): ${cpuLine(a)}`);
  const b = await metered(sql, async () => {
    let n = 0;
    for await (const page of eventPages(db, 0)) n += page.length;
    return n;
  });
  console.log(`  page reads alone, eventPages (db.execute, no drizzle mapping, read-ahead):      ${cpuLine(b)}`);

  // Each check on its own, on a page at a time held in memory: CPU time of this process.
  const t = { parse: 0, canonical: 0, columns: 0, hash: 0, tree: 0 };
  const tree = new TreeBuilder();
  const step = (k: keyof typeof t, f: () => void) => {
    const c = process.cpuUsage();
    f();
    const u = process.cpuUsage(c);
    t[k] += (u.user + u.system) / 1000;
  };
  const n = await drizzlePages(db, (page) => {
    const parsed = new Array<LogEventBody>(page.length);
    step("parse", () => page.forEach((r, i) => (parsed[i] = parseEventBody(r.body)!)));
    step("canonical", () => page.forEach((r) => canonicalize(JSON.parse(r.body)) === r.body));
    step("columns", () => page.forEach((r, i) => parsed[i]!.at === r.at.toISOString() && canonicalize(r.details) === canonicalize(parsed[i]!.detail)));
    const leaves = new Array<Buffer>(page.length);
    step("hash", () => page.forEach((r, i) => leafHash(r.body).equals((leaves[i] = Buffer.from(r.leafHash, "hex")))));
    step("tree", () => leaves.forEach((l) => tree.push(l)));
  });
  console.log(`  verifyLog's per-event checks, CPU time over ${n.toLocaleString("en")} events:`);
  console.log(`    parseEventBody (JSON.parse + shape):                                 ${seconds(t.parse)}`);
  console.log(`    canonical form (a second JSON.parse, canonicalize, compare):          ${seconds(t.canonical)}`);
  console.log(`    columns agree with the body (time; detail canonicalized twice):       ${seconds(t.columns)}`);
  console.log(`    leaf hash (SHA-256 of the body, compare):                             ${seconds(t.hash)}`);
  console.log(`    Merkle tree (TreeBuilder.push):                                       ${seconds(t.tree)}`);
}

/**
 * verifyLog's event checks exactly (shape, canonical form, number, columns, leaf hash, tree) with
 * each body parsed once instead of twice, over eventPages: what its event pass costs with those two
 * changes. Prints the same root so the two can be compared.
 */
export async function proposedPass(db: Db, sql: postgres.Sql): Promise<void> {
  const m = await metered(sql, async () => {
    const tree = new TreeBuilder();
    let expected = 0;
    let bad = 0;
    for await (const page of eventPages(db, 0)) {
      for (const row of page) {
        const e = JSON.parse(row.body) as LogEventBody;
        const ok =
          row.seq === expected &&
          e &&
          typeof e === "object" &&
          e.v === 1 &&
          Number.isSafeInteger(e.seq) &&
          typeof e.at === "string" &&
          typeof e.action === "string" &&
          e.actor &&
          e.object &&
          e.detail &&
          typeof e.detail === "object" &&
          canonicalize(e) === row.body &&
          e.seq === row.seq &&
          e.at === row.at.toISOString() &&
          e.actor.user === row.actorUserId &&
          e.actor.org === row.actorOrganisationId &&
          e.actor.role === row.actorRole &&
          e.client === row.clientAddress &&
          e.action === row.action &&
          e.object.type === row.targetType &&
          e.object.id === row.targetId &&
          canonicalize(row.details) === canonicalize(e.detail);
        const leaf = Buffer.from(row.leafHash, "hex");
        if (!ok || !leafHash(row.body).equals(leaf)) bad++;
        tree.push(leaf);
        expected++;
      }
    }
    return { expected, bad, root: tree.root().toString("hex") };
  });
  console.log(
    `  proposed event pass (eventPages, each body parsed once): ${cpuLine(m)}; ${m.value.expected.toLocaleString("en")} events, ${m.value.bad} bad, root ${m.value.root.slice(0, 16)}…`,
  );
}
