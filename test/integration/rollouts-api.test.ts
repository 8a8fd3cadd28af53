import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import { idempotencyKeys, rolloutRecords } from "@/db/schema";
import { GET as getOne } from "@/app/api/v1/rollouts/[id]/route";
import { GET as list, POST } from "@/app/api/v1/rollouts/route";
import { referenceIncident } from "@/lib/rollouts/fixtures/reference-incident";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { createApiToken, revokeApiToken } from "@/lib/rollouts/tokens";
import { resetRateLimits } from "@/lib/http/rate-limit";
import { getConfig } from "@/lib/config";
import { ageIdempotencyKeys, forgetExpiredKeys, storeIdempotentResponse, IdempotencyKeyTaken } from "@/lib/rollouts/idempotency";
import { MAX_BODY_BYTES } from "@/lib/rollouts/api/request";
import { openTestDb } from "./test-db";
import { apiRequest, orgAndProduct } from "./rollouts-helpers";

let t: Awaited<ReturnType<typeof openTestDb>>;
let aegis: { organisationId: string; productId: string };
let writer: string;
let bastionToken: string;
beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  aegis = await orgAndProduct(t.db, "aegis-endpoint", "Aegis Sensor");
  const bastion = await orgAndProduct(t.db, "bastion-sensor", "Bastion EDR");
  writer = (
    await createApiToken(t.db, { userId: null, organisationId: aegis.organisationId }, { name: "pipeline", scopes: ["rollouts:write", "rollouts:read"] })
  ).token;
  bastionToken = (await createApiToken(t.db, { userId: null, organisationId: bastion.organisationId }, { name: "other", scopes: ["rollouts:read"] })).token;
});
afterAll(async () => t.dispose());

const post = (body: unknown, token = writer, headers: Record<string, string> = {}) =>
  POST(apiRequest("/api/v1/rollouts", { method: "POST", token, body: typeof body === "string" ? body : JSON.stringify(body), headers }));
const countOf = async (releaseId: string) =>
  (
    await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(rolloutRecords)
      .where(and(eq(rolloutRecords.productId, aegis.productId), eq(rolloutRecords.releaseId, releaseId)))
  )[0]!.n;

describe(`rollout API (${process.env.TEST_DB_DRIVER})`, () => {
  it("creates with a token (201 + Location) and reads it back", async () => {
    const res = await post({ productId: aegis.productId, record: { ...referenceModelContent, releaseId: "api-model" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; findings: { severity: string }[] };
    expect(res.headers.get("location")).toBe(`/api/v1/rollouts/${body.id}`);
    expect(body.findings.filter((f) => f.severity === "critical" || f.severity === "major")).toEqual([]);
    const read = await getOne(apiRequest(`/api/v1/rollouts/${body.id}`, { token: writer }), { params: Promise.resolve({ id: body.id }) });
    expect(read.status).toBe(200);
    const listed = (await (await list(apiRequest(`/api/v1/rollouts?productId=${aegis.productId}`, { token: writer }))).json()) as { items: { id: string }[] };
    expect(listed.items.map((i) => i.id)).toContain(body.id);
  });

  it("flags the reference incident as critical with 78 minutes to rollback", async () => {
    const res = await post({ productId: aegis.productId, record: { ...referenceIncident, releaseId: "api-incident" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      findings: { code: string; severity: string }[];
      analysis: { minutesReleaseToRollbackCompleted: number; exposurePctBeforeFirstPassedGate: number };
    };
    const critical = body.findings.filter((f) => f.severity === "critical").map((f) => f.code);
    expect(critical).toEqual(expect.arrayContaining(["exposure_before_gate", "global_push", "no_canary", "missing_tests"]));
    expect(body.analysis.minutesReleaseToRollbackCompleted).toBe(78);
    expect(body.analysis.exposurePctBeforeFirstPassedGate).toBe(100);
  });

  it("refuses missing, revoked and foreign tokens", async () => {
    expect((await POST(apiRequest("/api/v1/rollouts", { method: "POST", body: "{}" }))).status).toBe(401);
    const { id, token } = await createApiToken(t.db, { userId: null, organisationId: aegis.organisationId }, { name: "temp", scopes: ["rollouts:write"] });
    await revokeApiToken(t.db, { userId: null, organisationId: aegis.organisationId }, id);
    const revoked = await post({ productId: aegis.productId, record: referenceModelContent }, token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("content-type")).toBe("application/problem+json");
    const [mine] = await t.db.select({ id: rolloutRecords.id }).from(rolloutRecords).where(eq(rolloutRecords.organisationId, aegis.organisationId)).limit(1);
    const foreign = await getOne(apiRequest(`/api/v1/rollouts/${mine!.id}`, { token: bastionToken }), { params: Promise.resolve({ id: mine!.id }) });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { status: number }).status).toBe(404);
    // A read-only token cannot write.
    expect((await post({ productId: aegis.productId, record: referenceModelContent }, bastionToken)).status).toBe(403);
  });

  it("answers malformed and invalid bodies with located problems, and oversize bodies with 413", async () => {
    const malformed = await post("{ not json");
    expect(malformed.status).toBe(400);
    const invalid = await post({
      productId: aegis.productId,
      record: { ...referenceModelContent, releaseId: "api-bad", rings: [{ ...referenceModelContent.rings[0]!, sharePct: 140 }] },
    });
    expect(invalid.status).toBe(422);
    const problem = (await invalid.json()) as { type: string; title: string; errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain("record.rings[0].sharePct");
    expect(await countOf("api-bad")).toBe(0);
    const huge = await post(JSON.stringify({ productId: aegis.productId, record: { ...referenceModelContent, notes: "x".repeat(MAX_BODY_BYTES + 1) } }));
    expect(huge.status).toBe(413);
  });

  it("refuses text and times PostgreSQL cannot hold with located problems, never a 500", async () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ["nul", { releaseId: "api-nul\u0000" }, "record.releaseId"],
      ["surrogate", { releaseId: "api-sur", notes: "half \uD800 pair" }, "record.notes"],
      ["escape", { releaseId: "api-esc", version: "1.0\u001b[2J" }, "record.version"],
      ["date", { releaseId: "api-date", releasedAt: "2026-02-30T00:00:00Z" }, "record.releasedAt"],
      ["month", { releaseId: "api-month", releasedAt: "2026-13-45T00:00:00Z" }, "record.releasedAt"],
    ];
    for (const [key, patch, path] of bad) {
      const res = await post({ productId: aegis.productId, record: { ...referenceModelContent, ...patch } }, writer, { "idempotency-key": `hostile-${key}` });
      expect(res.status, key).toBe(422);
      const problem = (await res.json()) as { errors: { path: string }[] };
      expect(
        problem.errors.map((e) => e.path),
        key,
      ).toContain(path);
    }
    // Unknown keys, even ones jsonb cannot hold, are dropped rather than stored.
    const extra = await post({
      productId: aegis.productId,
      "x\u0000": 1,
      record: { ...referenceModelContent, releaseId: "api-keys", "k\u0000": 1, "\uDC00": 2 },
    });
    expect(extra.status).toBe(201);
    const [row] = await t.db.select({ record: rolloutRecords.record }).from(rolloutRecords).where(eq(rolloutRecords.releaseId, "api-keys"));
    expect(Object.keys(row!.record)).not.toContain("k\u0000");
  });

  it("replays the same Idempotency-Key and refuses it with another body", async () => {
    const body = { productId: aegis.productId, record: { ...referenceModelContent, releaseId: "api-idem" } };
    const first = await post(body, writer, { "idempotency-key": "run-42" });
    const second = await post(body, writer, { "idempotency-key": "run-42" });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await countOf("api-idem")).toBe(1);
    const other = await post({ ...body, record: { ...body.record, version: "other" } }, writer, { "idempotency-key": "run-42" });
    expect(other.status).toBe(422);
  });

  it("remembers a key for its lifetime only: once expired the same key starts a new request, and old keys are removed", async () => {
    const hours = getConfig().idempotencyKeyHours;
    const body = { productId: aegis.productId, record: { ...referenceModelContent, releaseId: "api-idem-expiry" } };
    const first = await post(body, writer, { "idempotency-key": "run-expiry" });
    expect(first.status).toBe(201);
    // Just inside the lifetime: still a replay.
    await ageIdempotencyKeys(t.db, hours - 1);
    const inside = await post(body, writer, { "idempotency-key": "run-expiry" });
    expect(inside.headers.get("idempotent-replayed")).toBe("true");
    // Past it: the key is new again. The record exists, so this second attempt is a duplicate release (409), not a replay.
    await ageIdempotencyKeys(t.db, 2);
    const after = await post(body, writer, { "idempotency-key": "run-expiry" });
    expect(after.status).toBe(409);
    expect(after.headers.get("idempotent-replayed")).toBeNull();
    // Another body under the expired key is no longer a conflict: it creates a record, and the key now answers with it.
    const other = { productId: aegis.productId, record: { ...referenceModelContent, releaseId: "api-idem-expiry-2" } };
    await ageIdempotencyKeys(t.db, hours + 1);
    const fresh = await post(other, writer, { "idempotency-key": "run-expiry" });
    expect(fresh.status).toBe(201);
    const replay = await post(other, writer, { "idempotency-key": "run-expiry" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as { id: string }).id).toBe(((await fresh.json()) as { id: string }).id);
    // A live key cannot be overwritten by a racing store.
    await expect(storeIdempotentResponse(t.db, aegis.organisationId, "run-expiry", "x", 201, {})).rejects.toBeInstanceOf(IdempotencyKeyTaken);
    // Clean-up removes only expired keys.
    await ageIdempotencyKeys(t.db, hours + 1);
    expect(await forgetExpiredKeys(t.db)).toBeGreaterThanOrEqual(1);
    const [left] = await t.db.select({ n: count() }).from(idempotencyKeys);
    expect(left!.n).toBe(0);
  });

  it("limits each token to its rate", async () => {
    await resetRateLimits(t.db);
    const { max } = getConfig().rateLimits["api.token"];
    const statuses: number[] = [];
    for (let i = 0; i < max; i++) statuses.push((await list(apiRequest("/api/v1/rollouts?limit=1", { token: writer }))).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const last = await list(apiRequest("/api/v1/rollouts?limit=1", { token: writer }));
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await last.json()) as { detail: string }).detail).toMatch(/with one token\. Try again in \d+ seconds?\./);
    await resetRateLimits(t.db);
  });
});
