import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rolloutAnalyses, rolloutRecords } from "@/db/schema";
import { POST as create } from "@/app/api/v1/rollouts/route";
import { POST as append } from "@/app/api/v1/rollouts/[id]/events/route";
import { POST as dryRun } from "@/app/api/v1/rollouts/dry-run/route";
import { GET as getOne } from "@/app/api/v1/rollouts/[id]/route";
import { reanalyseRollout } from "@/lib/rollouts/append";
import { listAnalysisHistory } from "@/lib/rollouts/history";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { createApiToken } from "@/lib/rollouts/tokens";
import { openTestDb } from "./test-db";
import { apiRequest, orgAndProduct } from "./rollouts-helpers";

let t: Awaited<ReturnType<typeof openTestDb>>;
let aegis: { organisationId: string; productId: string };
let writer: string;
let bastionWriter: string;
beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  aegis = await orgAndProduct(t.db, "aegis-endpoint", "Aegis Sensor");
  const bastion = await orgAndProduct(t.db, "bastion-sensor", "Bastion EDR");
  writer = (
    await createApiToken(t.db, { userId: null, organisationId: aegis.organisationId }, { name: "pipeline", scopes: ["rollouts:write", "rollouts:read"] })
  ).token;
  bastionWriter = (await createApiToken(t.db, { userId: null, organisationId: bastion.organisationId }, { name: "other", scopes: ["rollouts:write"] })).token;
});
afterAll(async () => t.dispose());

type Detail = {
  id: string;
  state: string;
  appendCount: number;
  record: { rings: { name: string; gate: unknown }[]; events: { kind: string }[] };
  findings: { code: string }[];
  analysis: { ringCount: number; ringsPromotedAfterFailedGate: string[]; minutesReleaseToRollbackCompleted: number | null } | null;
};

const released = referenceModelContent.releasedAt;
const at = (minutes: number) => new Date(Date.parse(released) + minutes * 60_000).toISOString();
// The gate as the fixture writes it: its fields belong to the record schema, not to this test.
const passingGate = referenceModelContent.rings[0]!.gate!;
// Evaluated while the second ring ran (a gate cannot be evaluated before its ring started); the vendor reports the failure.
const failingGate = { ...passingGate, passed: false, ...("evaluatedAt" in passingGate ? { evaluatedAt: at(230) } : {}) };
const firstRing = { ...referenceModelContent.rings[0]!, promotedAt: null, gate: null };

const openRecord = async (releaseId: string, token = writer) =>
  create(
    apiRequest("/api/v1/rollouts", {
      method: "POST",
      token,
      body: JSON.stringify({ productId: aegis.productId, state: "open", record: { ...referenceModelContent, releaseId, rings: [firstRing] } }),
    }),
  );
const send = (id: string, event: unknown, key: string | null, token = writer) =>
  append(apiRequest(`/api/v1/rollouts/${id}/events`, { method: "POST", token, body: JSON.stringify(event), headers: key ? { "idempotency-key": key } : {} }), {
    params: Promise.resolve({ id }),
  });
const historyCount = async (id: string) =>
  (
    await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(rolloutAnalyses)
      .where(eq(rolloutAnalyses.rolloutRecordId, id))
  )[0]!.n;
const appendCount = async (id: string) => (await t.db.select({ n: rolloutRecords.appendCount }).from(rolloutRecords).where(eq(rolloutRecords.id, id)))[0]!.n;

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

/**
 * Every row of every table, as text, leaving out what records a request rather than a change:
 * api_tokens' last_used_at, the rate-limit counters, and the log's api_token.used events (with
 * the log's counter, which moves with them).
 */
const ACCESS_RECORDS = new Set(["rate_limits", "log_state"]);
async function snapshot(): Promise<Record<string, string>> {
  const tables = await t.db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const rows = rowsOf<{ name: string }>(tables);
  const out: Record<string, string> = {};
  for (const { name } of rows) {
    if (ACCESS_RECORDS.has(name)) continue;
    const from =
      name === "api_tokens"
        ? sql`(select id, organisation_id, name, prefix, token_hash, scopes, revoked_at from api_tokens)`
        : name === "audit_events"
          ? sql`(select * from audit_events where action <> 'api_token.used')`
          : sql.identifier(name);
    const res = await t.db.execute(sql`select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as digest from ${from} x`);
    const [row] = rowsOf<{ n: number; digest: string | null }>(res);
    out[name] = `${row!.n}:${row!.digest}`;
  }
  return out;
}

describe(`rollouts appended from a pipeline (${process.env.TEST_DB_DRIVER})`, () => {
  it("opens a record, appends rings, gates (one failing), a halt and a rollback, re-analysing each time", async () => {
    const opened = await openRecord("pipe-incident");
    expect(opened.status).toBe(201);
    const first = (await opened.json()) as Detail;
    expect([first.state, first.appendCount, first.analysis?.ringCount]).toEqual(["open", 0, 1]);
    expect(await historyCount(first.id)).toBe(1);

    const steps: [string, unknown, (d: Detail) => void][] = [
      ["g1", { type: "gate_evaluated", ring: firstRing.name, gate: passingGate }, (d) => expect(d.record.rings[0]!.gate).not.toBeNull()],
      ["p1", { type: "ring_promoted", ring: firstRing.name, at: at(120) }, () => {}],
      ["s2", { type: "ring_started", name: "Early", sharePct: 10, devices: 100_000, startedAt: at(120) }, (d) => expect(d.analysis?.ringCount).toBe(2)],
      ["g2", { type: "gate_evaluated", ring: "early", gate: failingGate }, () => {}],
      ["p2", { type: "ring_promoted", ring: "Early", at: at(240) }, () => {}],
      // A promotion counts once the next ring exists.
      [
        "s3",
        { type: "ring_started", name: "Broad", sharePct: 100, startedAt: at(240) },
        (d) => expect(d.analysis?.ringsPromotedAfterFailedGate).toEqual(["Early"]),
      ],
      ["h", { type: "halt", at: at(300), reason: "crash rate 1.8% in Broad" }, (d) => expect(d.record.events.map((e) => e.kind)).toEqual(["halt"])],
      ["r1", { type: "rollback_started", at: at(310), reason: "rolling back" }, () => {}],
      [
        "r2",
        { type: "rollback_completed", at: at(400), reason: "previous version everywhere" },
        (d) => expect(d.analysis?.minutesReleaseToRollbackCompleted).toBe(400),
      ],
    ];
    let n = 0;
    for (const [key, event, check] of steps) {
      const res = await send(first.id, event, `pipe-incident-${key}`);
      expect(res.status, key).toBe(200);
      const body = (await res.json()) as Detail;
      n += 1;
      expect([body.state, body.appendCount], key).toEqual(["open", n]);
      expect(body.analysis, key).not.toBeNull();
      check(body);
    }
    expect(await historyCount(first.id)).toBe(1 + n);
    const history = await listAnalysisHistory(t.db, aegis.organisationId, first.id);
    expect(history.map((h) => h.reason)).toEqual(["created", ...steps.map(() => "appended")]);
    expect(history.flatMap((h) => h.appeared)).toContain("promoted_after_failed_gate");

    // A retried append (same key, same body) answers as the first time and changes nothing.
    const before = await snapshot();
    const retry = await send(first.id, steps[6]![1], "pipe-incident-h");
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as Detail).appendCount).toBe(7);
    expect(await snapshot()).toEqual(before);
    expect(await appendCount(first.id)).toBe(n);
    // The same key with another body is refused.
    expect((await send(first.id, { type: "pause", at: at(500), reason: "other" }, "pipe-incident-h")).status).toBe(422);

    const closed = await send(first.id, { type: "close", at: at(500) }, "pipe-incident-close");
    expect(((await closed.json()) as Detail).state).toBe("closed");
    const late = await send(first.id, { type: "pause", at: at(600), reason: "too late" }, "pipe-incident-late");
    expect(late.status).toBe(409);
    expect(late.headers.get("content-type")).toBe("application/problem+json");
    expect(await appendCount(first.id)).toBe(n + 1);
    const read = (await (
      await getOne(apiRequest(`/api/v1/rollouts/${first.id}`, { token: writer }), { params: Promise.resolve({ id: first.id }) })
    ).json()) as Detail;
    expect(read.state).toBe("closed");
  });

  it("refuses another organisation's record with 404, a missing key with 400, and events that break the record with 422", async () => {
    const { id } = (await (await openRecord("pipe-refusals")).json()) as Detail;
    const foreign = await send(id, { type: "pause", at: at(10), reason: "x" }, "foreign-1", bastionWriter);
    expect(foreign.status).toBe(404);
    expect((await send(id, { type: "pause", at: at(10), reason: "x" }, null)).status).toBe(400);
    const unknownRing = await send(id, { type: "ring_promoted", ring: "Nowhere", at: at(10) }, "refuse-1");
    expect(unknownRing.status).toBe(422);
    const backwards = await send(id, { type: "ring_started", name: "Late", sharePct: 0.1, startedAt: at(10) }, "refuse-2");
    expect(backwards.status).toBe(422);
    expect(((await backwards.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain("record.rings[1].sharePct");
    const badType = await send(id, { type: "explode", at: at(10) }, "refuse-3");
    expect(badType.status).toBe(422);
    expect(await appendCount(id)).toBe(0);
    expect(await historyCount(id)).toBe(1);
  });

  it("applies concurrent appends one after another", async () => {
    const { id } = (await (await openRecord("pipe-concurrent")).json()) as Detail;
    const results = await Promise.all([1, 2, 3, 4].map((i) => send(id, { type: "pause", at: at(10 + i), reason: `pause ${i}` }, `concurrent-${i}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const [row] = await t.db.select({ n: rolloutRecords.appendCount, record: rolloutRecords.record }).from(rolloutRecords).where(eq(rolloutRecords.id, id));
    expect(row!.n).toBe(4);
    expect((row!.record as { events: unknown[] }).events).toHaveLength(4);
    expect(await historyCount(id)).toBe(5);
  });

  it("dry-runs a planned record and stores nothing", async () => {
    const before = await snapshot();
    const res = await dryRun(
      apiRequest("/api/v1/rollouts/dry-run", {
        method: "POST",
        token: writer,
        body: JSON.stringify({ record: { ...referenceModelContent, releaseId: "planned-1" } }),
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stored: boolean; findings: { severity: string }[]; frameworkVersionId: string | null };
    expect(body.stored).toBe(false);
    expect(body.frameworkVersionId).not.toBeNull();
    expect(body.findings.filter((f) => f.severity === "critical")).toEqual([]);
    const invalid = await dryRun(
      apiRequest("/api/v1/rollouts/dry-run", { method: "POST", token: writer, body: JSON.stringify({ record: { ...referenceModelContent, rings: [] } }) }),
    );
    expect(invalid.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it("re-analyses with the current analyser and keeps the earlier analyses", async () => {
    const { id } = (await (await openRecord("pipe-reanalyse")).json()) as Detail;
    const [earlier] = await t.db.select().from(rolloutAnalyses).where(eq(rolloutAnalyses.rolloutRecordId, id));
    const actor = { userId: null, organisationId: aegis.organisationId };
    const res = await reanalyseRollout(t.db, actor, id);
    expect(res.ok).toBe(true);
    const rows = await t.db.select().from(rolloutAnalyses).where(eq(rolloutAnalyses.rolloutRecordId, id)).orderBy(rolloutAnalyses.createdAt);
    expect(rows.map((r) => r.reason)).toEqual(["created", "reanalysed"]);
    expect(rows[0]).toEqual(earlier);
    expect(
      await reanalyseRollout(t.db, { userId: null, organisationId: (await orgAndProduct(t.db, "bastion-sensor", "Bastion EDR")).organisationId }, id),
    ).toMatchObject({ ok: false, code: "not_found" });
    const history = await listAnalysisHistory(t.db, aegis.organisationId, id);
    expect(history).toHaveLength(2);
    expect(history[1]!.catalog?.version).toBeTruthy();
    expect([history[1]!.appeared, history[1]!.disappeared]).toEqual([[], []]);
  });
});
