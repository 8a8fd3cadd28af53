import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { attestations, panelMembers, products, reviewPanels } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { QUEUE_PAGE, listQueuePage, type QueueView } from "@/lib/review/panels";
import { makePerson } from "./review-fixtures";
import { BULK_LOAD, rebuildDerived } from "@/db/derived";
import { openTestDb } from "./test-db";
import { actorFor, baselineVersionId, makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();

type Status = (typeof attestations.$inferSelect)["status"];

/**
 * The reviewer's queue (/review) pages from one index whose ordering columns
 * the database keeps (migration 0015). These tests check the kept columns
 * against the facts they copy, after every kind of change, and the pages
 * against a plain reading of all of a reviewer's assignments.
 */
describe(`the reviewer's queue (${process.env.TEST_DB_DRIVER})`, () => {
  let t: Awaited<ReturnType<typeof openTestDb>>;
  let busy: Actor, other: Actor, officer: Actor;
  let versionId: string, productId: string;
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

  /** A lineage of one revision in the given state, with a panel due on the given day on which `seats` sit. */
  async function lineage(status: Status, due: string, seats: Actor[], opts: { removed?: Actor } = {}) {
    const lineageId = crypto.randomUUID();
    const [a] = await t.db
      .insert(attestations)
      .values({
        lineageId,
        organisationId: officer.organisationId,
        productId,
        frameworkVersionId: versionId,
        kind: "new",
        periodStart: due,
        periodEnd: due,
        status,
      })
      .returning({ id: attestations.id });
    const [panel] = await t.db
      .insert(reviewPanels)
      .values({ lineageId, organisationId: officer.organisationId, dueDate: due })
      .returning({ id: reviewPanels.id });
    await t.db.insert(panelMembers).values(
      seats.map((who, i) => ({
        panelId: panel!.id,
        userId: who.userId,
        role: who.role,
        isLead: i === 0,
        conflict: "none",
        removedAt: opts.removed?.userId === who.userId ? new Date() : null,
      })),
    );
    return { attestationId: a!.id, lineageId, panelId: panel!.id };
  }

  /** Every assignment of the reviewer, read plainly: each lineage at its latest submitted revision, split and sorted as the queue promises. */
  async function reference(who: Actor, view: QueueView) {
    const rows = await t.db
      .select({
        attestationId: attestations.id,
        lineageId: attestations.lineageId,
        revision: attestations.revision,
        status: attestations.status,
        panelId: reviewPanels.id,
        dueDate: reviewPanels.dueDate,
      })
      .from(panelMembers)
      .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
      .innerJoin(attestations, and(eq(attestations.lineageId, reviewPanels.lineageId), ne(attestations.status, "draft")))
      .where(and(eq(panelMembers.userId, who.userId), isNull(panelMembers.removedAt)));
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if ((latest.get(r.lineageId)?.revision ?? 0) < r.revision) latest.set(r.lineageId, r);
    const closed = (s: Status) => s === "published" || s === "withdrawn";
    const sign = view === "open" ? 1 : -1;
    return [...latest.values()]
      .filter((r) => closed(r.status) === (view === "closed"))
      .sort((a, b) => sign * (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.panelId < b.panelId ? -1 : 1))
      .map((r) => r.attestationId);
  }

  async function allPages(who: Actor, view: QueueView) {
    const first = await listQueuePage(t.db, who, view, 1);
    const ids = first.items.map((i) => i.attestationId);
    for (let p = 2; p <= first.pageCount; p++) {
      const next = await listQueuePage(t.db, who, view, p);
      expect(next.page).toBe(p);
      expect(next.total).toBe(first.total);
      ids.push(...next.items.map((i) => i.attestationId));
    }
    return { ids, first };
  }

  /** The kept columns of every panel member, against the facts they copy. */
  async function keptColumnsAgree() {
    const drift = await t.db.execute<{ id: string }>(sql`
      select m.id from panel_members m join review_panels p on p.id = m.panel_id
      where m.queue_due_date is distinct from p.due_date
         or m.queue_closed is distinct from coalesce((
              select a.status in ('published', 'withdrawn') from attestations a
              where a.lineage_id = p.lineage_id and a.status <> 'draft' order by a.revision desc limit 1), false)`);
    return Array.isArray(drift) ? drift : (drift as unknown as { rows: { id: string }[] }).rows;
  }

  beforeAll(async () => {
    t = await openTestDb({ seeded: true });
    officer = await actorFor(t.db, "officer@aegis.example");
    versionId = await baselineVersionId(t.db);
    const [p] = await t.db
      .select({ id: products.id })
      .from(products)
      .where(eq(products.organisationId, officer.organisationId))
      .orderBy(asc(products.name))
      .limit(1);
    productId = p!.id;
    busy = await makePerson(t.db, "contoso-platform", "platform_reviewer", "Busy Reviewer");
    other = await makePerson(t.db, "ncra", "gov_auditor", "Other Auditor");
    // 130 finished and 70 open reviews, due dates repeating (ties ordered by panel), some shared, one removed from.
    const states: Status[] = ["published", "published", "withdrawn", "in_review", "reconciliation", "decided", "changes_requested"];
    for (let i = 0; i < 200; i++) {
      const status = i < 130 ? states[i % 3]! : states[3 + (i % 4)]!;
      await lineage(status, day(i % 37), i % 5 === 0 ? [other, busy] : [busy], { removed: i === 17 ? busy : undefined });
    }
  }, 180_000);
  afterAll(async () => t?.dispose());

  it("pages each half in its order, every assignment once, the same rows as a plain reading of all of them", async () => {
    for (const view of ["open", "closed"] as const) {
      const want = await reference(busy, view);
      const { ids, first } = await allPages(busy, view);
      expect(ids).toEqual(want);
      expect(first.total).toBe(want.length);
      expect(first.pageCount).toBe(Math.ceil(want.length / QUEUE_PAGE));
      expect(first.items).toHaveLength(QUEUE_PAGE);
    }
    // 129 finished (one removed seat), 70 open.
    expect((await listQueuePage(t.db, busy, "closed", 1)).total).toBe(129);
    expect((await listQueuePage(t.db, busy, "open", 1)).total).toBe(70);
    // A page past the end shows the last one.
    const last = await listQueuePage(t.db, busy, "closed", 99);
    expect(last).toMatchObject({ page: 3, pageCount: 3 });
    expect(last.items).toHaveLength(29);
    // The other panel member sees only their own seats.
    expect((await allPages(other, "open")).ids).toEqual(await reference(other, "open"));
    expect((await allPages(other, "closed")).ids).toEqual(await reference(other, "closed"));
  });

  it("keeps the due date and the open/finished split through every change of state, revision and panel", async () => {
    const a = await lineage("in_review", day(400), [busy]);
    const inOpen = async () => (await allPages(busy, "open")).ids.includes(a.attestationId);
    const inClosed = async (id = a.attestationId) => (await allPages(busy, "closed")).ids.includes(id);
    expect(await inOpen()).toBe(true);
    // Published: finished.
    await t.db.update(attestations).set({ status: "decided" }).where(eq(attestations.id, a.attestationId));
    expect(await inOpen()).toBe(true);
    await t.db.update(attestations).set({ status: "published" }).where(eq(attestations.id, a.attestationId));
    expect(await inOpen()).toBe(false);
    expect(await inClosed()).toBe(true);
    // A revision after publication: its draft changes nothing, its resubmission reopens the review.
    const [draft] = await t.db
      .insert(attestations)
      .values({
        lineageId: a.lineageId,
        revision: 2,
        organisationId: officer.organisationId,
        productId,
        frameworkVersionId: versionId,
        kind: "remediation",
        periodStart: day(400),
        periodEnd: day(400),
      })
      .returning({ id: attestations.id });
    expect(await inClosed()).toBe(true);
    await t.db.update(attestations).set({ status: "in_review" }).where(eq(attestations.id, draft!.id));
    expect((await allPages(busy, "open")).ids).toContain(draft!.id);
    expect(await inClosed()).toBe(false);
    expect(await inClosed(draft!.id)).toBe(false);
    // Withdrawn: finished again.
    await t.db.update(attestations).set({ status: "withdrawn" }).where(eq(attestations.id, draft!.id));
    expect(await inClosed(draft!.id)).toBe(true);
    // The panel's due date moves: the member's copy follows, and the order with it.
    await t.db
      .update(reviewPanels)
      .set({ dueDate: day(-500) })
      .where(eq(reviewPanels.id, a.panelId));
    expect((await listQueuePage(t.db, busy, "closed", 99)).items.at(-1)?.attestationId).toBe(draft!.id);
    // A write of the kept columns by anyone else is put right.
    await t.db.update(panelMembers).set({ queueClosed: false, queueDueDate: "2099-01-01" }).where(eq(panelMembers.panelId, a.panelId));
    expect(await inClosed(draft!.id)).toBe(true);
    expect(await keptColumnsAgree()).toEqual([]);
  });

  it("agrees with the facts for every member of the demo data, and the bulk loader's rebuild puts wrong columns right", async () => {
    expect(await keptColumnsAgree()).toEqual([]);
    const before = await allPages(busy, "closed");
    await t.db.transaction(async (tx) => {
      await tx.execute(sql.raw(BULK_LOAD));
      await tx.execute(sql`update panel_members set queue_closed = not queue_closed, queue_due_date = '2000-01-01'`);
    });
    expect((await keptColumnsAgree()).length).toBeGreaterThan(0);
    await rebuildDerived(t.db);
    expect(await keptColumnsAgree()).toEqual([]);
    expect(await allPages(busy, "closed")).toEqual(before);
  });
});
