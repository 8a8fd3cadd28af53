import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { attestationAnswers, attestations, auditEvents, products, publishedReports, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { resetLeafCache } from "@/lib/transparency/log";
import { openTestDb } from "./test-db";
import { makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb();
  resetLeafCache();
  await seedDemo(t.db);
}, 240_000);
afterAll(async () => {
  resetLeafCache();
  await t?.dispose();
});

/** Consecutive equal entries as [entry, count]. */
function runs(list: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (const x of list) {
    const last = out[out.length - 1];
    if (last && last[0] === x) last[1]++;
    else out.push([x, 1]);
  }
  return out;
}

// The demo seed walks the main journey through the same domain functions the pages call:
// Aegis Sensor 2025H1 is started, answered and signed by the vendor, assigned to a panel,
// scored independently by a platform reviewer and a government auditor, reconciled,
// decided, co-signed, previewed by the vendor and published. Its log is exactly this.
describe("the main journey's events", () => {
  it("are exactly one event per step, by the right role, in order, with the expected detail", async () => {
    const [row] = await t.db
      .select({ id: attestations.id })
      .from(attestations)
      .innerJoin(products, eq(products.id, attestations.productId))
      .where(and(eq(products.name, "Aegis Sensor"), eq(attestations.periodStart, "2025-01-01")));
    const [{ n: controls }] = (await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(attestationAnswers)
      .where(eq(attestationAnswers.attestationId, row!.id))) as [{ n: number }];
    expect(controls).toBeGreaterThan(10);
    const events = await t.db
      .select({ seq: auditEvents.seq, action: auditEvents.action, type: auditEvents.targetType, role: auditEvents.actorRole, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "attestation"), eq(auditEvents.targetId, row!.id)))
      .orderBy(asc(auditEvents.seq));
    const steps = events.map((e) => `${e.action} by ${e.role ?? "system"}: ${Object.keys(e.details).sort().join(",")}`);
    expect(runs(steps)).toEqual([
      ["attestation.started by system: answers,evidence,frameworkVersionId,kind,productId,seed", 1],
      ["attestation.submitted by vendor_officer: digest,from,revision,to", 1],
      ["attestation.assign_panel by admin: dueDate,from,lead,members,panelId,revision,to", 1],
      ["review.no_conflict_declared by platform_reviewer: note", 1],
      ["review.no_conflict_declared by gov_auditor: note", 1],
      ["review.score_saved by platform_reviewer: controlId,from,score,version", controls],
      ["review.scorecard_submitted by platform_reviewer: scorecardId", 1],
      ["review.score_saved by gov_auditor: controlId,from,score,version", controls],
      ["review.scorecard_submitted by gov_auditor: scorecardId", 1],
      ["attestation.complete_scoring by gov_auditor: from,revision,to", 1],
      ["review.consensus_recorded by platform_reviewer: controlId,mean,score", controls],
      ["review.decision_signed by platform_reviewer: overall,remediation,result", 1],
      ["attestation.cosign_decision by gov_auditor: from,result,revision,to", 1],
      ["report.prepared by vendor_officer: publicSummary,ready,responseLength", 1],
      ["report.published by platform_reviewer: digest,from,observerDigest,reportId,result,revision,superseded,to", 1],
    ]);
    // Each control scored once by each reviewer and reconciled once: no duplicate, none missing.
    for (const action of ["review.score_saved", "review.consensus_recorded"]) {
      const byControl = new Map<string, number>();
      for (const e of events.filter((x) => x.action === action))
        byControl.set(String(e.details.controlId), (byControl.get(String(e.details.controlId)) ?? 0) + 1);
      expect(byControl.size).toBe(controls);
    }
    // The state transitions chain: each one starts where the previous ended.
    const moves = events.filter((e) => "to" in e.details).map((e) => [e.details.from, e.details.to]);
    for (let i = 1; i < moves.length; i++) expect(moves[i]![0]).toBe(moves[i - 1]![1]);
    expect(moves.at(-1)![1]).toBe("published");
    // The report event carries the digest of the report that was stored.
    const [report] = await t.db
      .select({ id: publishedReports.id, digest: publishedReports.fullDigest })
      .from(publishedReports)
      .where(eq(publishedReports.attestationId, row!.id));
    expect(events.at(-1)!.details).toMatchObject({ reportId: report!.id, digest: report!.digest });
  });

  it("names nobody: no demo person's name or e-mail address appears in any event", async () => {
    const people = await t.db.select({ name: users.name, email: users.email }).from(users);
    const bodies = (await t.db.select({ body: auditEvents.body }).from(auditEvents)).map((b) => b.body).join("\n");
    expect(bodies.length).toBeGreaterThan(1000);
    for (const p of people) {
      expect(bodies).not.toContain(p.email);
      expect(bodies).not.toContain(p.name);
    }
  });
});
