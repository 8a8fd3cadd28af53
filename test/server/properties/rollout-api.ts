// Properties of the rollout API (app/api/v1/rollouts*) over real HTTP. Each computes the
// answer the API documents for the request it sends (media type, Idempotency-Key, JSON,
// the body schema, the caller's organisation, the record's rules) and compares it with the
// status received; accepted records are compared with what was sent, normalised.
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { checkRolloutRecord } from "@/lib/rollouts/analysis";
import { createRolloutBodySchema, dryRunResultSchema, rolloutDetailSchema, rolloutListSchema } from "@/lib/rollouts/api/schemas";
import { validRecordArb } from "@/lib/rollouts/test-arbitraries";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { applyMutation, mutationArb, type Mutation } from "@/test/helpers/mutate";
import { expectSafe, expectStatus, type Answer } from "../helpers/answers";
import { ORGS, type Org, type World } from "../helpers/world";
import { count, pct, runProperty, segment, sendWithToken, sometimes, toJson, type Tally } from "./run";

const JSON_TYPE = /^application\/(.+\+)?json\b/i;
const KEY = /^[\x21-\x7e]{1,255}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const contentTypes = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/json") },
  { weight: 3, arbitrary: fc.constantFrom("application/json; charset=utf-8", "APPLICATION/JSON", "application/problem+json", "application/merge-patch+json") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "text/plain",
      "",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
      "json",
      "application/xml",
    ),
  },
);
/**
 * Idempotency-Key header values: absent, fine, or broken (non-ASCII as Latin-1, too long, empty).
 * Keys are kept per organisation across every route, so each property has its own prefix: two
 * properties running at once never race on one key.
 */
export const keysFor = (prefix: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: fc.uuid().map((u) => `${prefix}${u}`) },
    { weight: 2, arbitrary: fc.constantFrom("", " ", "clé", "a b", "x".repeat(255), "x".repeat(256), "\tk", "k\u00ff") },
  );
/** Bodies that are not JSON, or JSON of the wrong shape. */
const brokenBodies = fc.constantFrom(
  "",
  "{",
  "null",
  "[]",
  "true",
  "0",
  '"text"',
  '{"productId":',
  "\uFEFF{}",
  "{}{}",
  "{'a':1}",
  "[".repeat(10_000),
  '{"a":'.repeat(3000),
);
const mutations = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
  { weight: 2, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
);

/** Set by the create property; read by list and get (records other organisations own). */
export const created: { id: string; org: Org; body: Record<string, unknown> }[] = [];

function headersFor(contentType: string, key: string | undefined): Record<string, string> {
  return { "content-type": contentType, ...(key === undefined ? {} : { "idempotency-key": key }) };
}

/** The answer every JSON route gives before it looks at the body's meaning, or null when the body reaches the route's own checks. */
function envelopeStatus(
  contentType: string,
  sentKey: string | undefined,
  text: string,
  keyRequired: boolean,
): { status: number } | { status: null; body: unknown } {
  if (!JSON_TYPE.test(contentType)) return { status: 415 };
  // HTTP drops spaces and tabs around a header value.
  const key = sentKey?.replace(/^[ \t]+|[ \t]+$/g, "");
  if ((key === undefined && keyRequired) || (key !== undefined && !KEY.test(key))) return { status: 400 };
  try {
    return { status: null, body: JSON.parse(text) as unknown };
  } catch {
    return { status: 400 };
  }
}

const productChoice = fc.constantFrom("own", "own", "own", "own", "own", "other", "random", "bad");
const badIds = ["", "not-a-uuid", "6F1C2D4E-0A5B-4C3D-9E8F-7A6B5C4D3E2", "' OR '1'='1", "00000000-0000-0000-0000-000000000000", "x".repeat(3000), "%00", "{}"];

/**
 * Idempotency-Keys the API has stored (per organisation, for accepted requests only) with the
 * request text: the same key with the same text replays the first answer; with another, 422.
 */
export class KeyModel {
  private readonly stored = new Map<string, { text: string; status: number; body: unknown }>();
  check(org: string, key: string | undefined, text: string): { replay: { status: number; body: unknown } } | { conflict: true } | null {
    const s = key === undefined ? undefined : this.stored.get(`${org}|${key.replace(/^[ \t]+|[ \t]+$/g, "")}`);
    if (!s) return null;
    return s.text === text ? { replay: s } : { conflict: true };
  }
  store(org: string, key: string | undefined, text: string, status: number, body: unknown): void {
    if (key !== undefined) this.stored.set(`${org}|${key.replace(/^[ \t]+|[ \t]+$/g, "")}`, { text, status, body });
  }
}

/** The answer expected when the key was used before, checked; true when it was. */
export function expectKeyAnswer(a: Answer, what: string, known: ReturnType<KeyModel["check"]>): boolean {
  if (!known) return false;
  if ("conflict" in known) {
    expectStatus(a, what, 422, "Idempotency-Key reused with another body");
    return true;
  }
  expectStatus(a, what, known.replay.status, "replay");
  expect(a.headers.get("idempotent-replayed") === "true" && isDeepStrictEqual(a.json(), known.replay.body), `${what}: not a replay of the first answer`);
  return true;
}

export async function createProperty(world: World): Promise<Tally> {
  const prefix = `p${Date.now().toString(36)}-`;
  const sent = new Set<string>();
  const stored = new KeyModel();
  const arb = fc.record({
    org: fc.constantFrom(...ORGS),
    product: productChoice,
    badId: fc.constantFrom(...badIds),
    state: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(undefined, "open", "closed") },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "", "OPEN", "Closed", 0, true, ["open"], {}) },
    ),
    productKind: fc.oneof({ weight: 9, arbitrary: fc.constant("string") }, { weight: 1, arbitrary: fc.constantFrom("number", "null", "array", "absent") }),
    record: fc.oneof(validRecordArb, fc.constant(referenceModelContent)),
    tag: fc.nat(),
    mutations,
    contentType: contentTypes,
    key: keysFor("create-"),
    broken: sometimes(brokenBodies, 12),
    auth: sometimes(fc.constantFrom("", "Bearer", "Bearer rf_nope", "Basic dXNlcjpwYXNz", "bearer  ", "Bearer rf_x rf_y"), 30),
  });
  return runProperty("POST /api/v1/rollouts", arb, async (c, t) => {
    const other = ORGS.find((o) => o !== c.org)!;
    const productId =
      c.product === "own"
        ? world.products[c.org][c.tag % world.products[c.org].length]
        : c.product === "other"
          ? world.products[other][0]
          : c.product === "random"
            ? crypto.randomUUID()
            : c.badId;
    const product = { string: productId, number: 42, null: null, array: [productId], absent: undefined }[c.productKind];
    const envelope = {
      productId: product,
      ...(c.state === undefined ? {} : { state: c.state }),
      record: { ...c.record, releaseId: `${prefix}${c.tag}-${c.record.releaseId}` },
    };
    const text = c.broken ?? toJson(c.mutations.reduce(applyMutation, envelope));
    const what = `POST /api/v1/rollouts ${text.slice(0, 300)}`;
    const a = await sendWithToken(
      t,
      world.pools.create,
      world.origin,
      "/api/v1/rollouts",
      { method: "POST", headers: headersFor(c.contentType, c.key), body: text },
      c.org,
      c.auth === null ? undefined : () => c.auth!,
    );
    count(t, a);
    expectSafe(a, what);
    if (c.auth !== null) return expectStatus(a, what, 401);
    const pre = envelopeStatus(c.contentType, c.key, text, false);
    if (pre.status !== null) return expectStatus(a, what, pre.status);
    // The documented body: { productId: uuid, state?: "open" | "closed", record }.
    const envelopeOk =
      isObject(pre.body) &&
      typeof pre.body.productId === "string" &&
      pre.body.record !== undefined &&
      (pre.body.state === undefined || pre.body.state === "open" || pre.body.state === "closed");
    if (!envelopeOk) return expectStatus(a, what, 422, "envelope");
    const body = pre.body as { productId: string; state?: "open" | "closed"; record: unknown };
    if (expectKeyAnswer(a, what, stored.check(c.org, c.key, text))) return void t.verified++;
    if (!world.products[c.org].includes(body.productId)) return expectStatus(a, what, 422, "not a product of the caller");
    const checked = checkRolloutRecord(body.record);
    if (!checked.ok) return expectStatus(a, what, 422, "invalid record");
    const release = `${body.productId}|${checked.record.releaseId}`;
    const mine = checked.record.releaseId.startsWith(prefix);
    if (sent.has(release)) return expectStatus(a, what, 409, "duplicate release");
    expectStatus(a, what, mine ? 201 : [201, 409], "a valid record");
    if (a.status === 409) return;
    sent.add(release);
    stored.store(c.org, c.key, text, 201, a.json());
    t.accepted++;
    verifyDetail(a, what, checked.record, body.state ?? "closed", body.productId);
    expect(createRolloutBodySchema.safeParse(body).success, "accepted body matches the documented schema");
    created.push({ id: (a.json() as { id: string }).id, org: c.org, body: a.json() as Record<string, unknown> });
    t.verified++;
  });
}

function expect(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** The stored record (read back in the answer) is exactly the normalised record that was sent. */
function verifyDetail(a: Answer, what: string, record: unknown, state: string, productId: string): void {
  const detail = a.json() as Record<string, unknown>;
  expect(rolloutDetailSchema.safeParse(detail).success, `${what}: answer is not a RolloutDetail`);
  expect(
    isDeepStrictEqual(detail.record, record),
    `${what}: stored record differs from the one sent:\n${JSON.stringify(detail.record)}\n${JSON.stringify(record)}`,
  );
  expect(detail.state === state && detail.productId === productId, `${what}: state or product differs`);
  expect(a.headers.get("location") === `/api/v1/rollouts/${String(detail.id)}`, `${what}: Location`);
}

export async function dryRunProperty(world: World): Promise<Tally> {
  const arb = fc.record({
    org: fc.constantFrom(...ORGS),
    record: fc.oneof(validRecordArb, fc.constant(referenceModelContent)),
    wrap: fc.boolean(),
    mutations,
    contentType: contentTypes,
    key: keysFor("dry-run-"),
    broken: sometimes(brokenBodies, 12),
  });
  return runProperty("POST /api/v1/rollouts/dry-run", arb, async (c, t) => {
    const text = c.broken ?? toJson(c.mutations.reduce(applyMutation, c.wrap ? { record: c.record } : c.record));
    const what = `POST /api/v1/rollouts/dry-run ${text.slice(0, 300)}`;
    const a = await sendWithToken(
      t,
      world.pools.dryRun,
      world.origin,
      "/api/v1/rollouts/dry-run",
      { method: "POST", headers: headersFor(c.contentType, c.key), body: text },
      c.org,
    );
    count(t, a);
    expectSafe(a, what);
    const pre = envelopeStatus(c.contentType, c.key, text, false);
    if (pre.status !== null) return expectStatus(a, what, pre.status);
    if (!isObject(pre.body) || pre.body.record === undefined) return expectStatus(a, what, 422, "no record");
    const checked = checkRolloutRecord(pre.body.record);
    expectStatus(a, what, checked.ok ? 200 : 422);
    if (!checked.ok) return;
    t.accepted++;
    const r = dryRunResultSchema.safeParse(a.json());
    expect(r.success && r.data.stored === false, `${what}: not a DryRunResult`);
    t.verified++;
  });
}

/** Query strings for the list: the documented parameters fine or broken, repeated, or unknown ones. */
const limits = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 500 }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "0",
      "501",
      "-1",
      "1.5",
      "abc",
      "",
      " 5",
      "5 ",
      "0x10",
      "1e2",
      "05",
      "\uFF15",
      "+5",
      "Infinity",
      "NaN",
      "99999999999999999999",
      "5;DROP",
      "1,2",
    ),
  },
);

export async function listProperty(world: World): Promise<Tally> {
  const arb = fc.record({
    org: fc.constantFrom(...ORGS),
    product: fc.constantFrom("none", "none", "own", "own", "other", "random", "bad"),
    badId: fc.constantFrom(...badIds),
    limit: limits,
    extra: sometimes(fc.constantFrom("&productId=x", "&limit=7", "&x=1", "&__proto__=1", "&limit", "&productId"), 5),
  });
  return runProperty("GET /api/v1/rollouts", arb, async (c, t) => {
    const other = ORGS.find((o) => o !== c.org)!;
    const productId =
      c.product === "own"
        ? world.products[c.org][0]
        : c.product === "other"
          ? world.products[other][0]
          : c.product === "random"
            ? crypto.randomUUID()
            : c.product === "bad"
              ? c.badId
              : undefined;
    const parts = [productId === undefined ? "" : `productId=${pct(productId)}`, c.limit === undefined ? "" : `limit=${pct(c.limit)}`].filter(Boolean);
    const query = parts.join("&") + (c.extra ?? "");
    const target = `/api/v1/rollouts${query ? `?${query}` : ""}`;
    const a = await sendWithToken(t, world.pools.list, world.origin, target, {}, c.org);
    count(t, a);
    expectSafe(a, `GET ${target}`);
    // What the server reads: the first value of each parameter (URLSearchParams semantics).
    const q = new URLSearchParams(query);
    const limit = q.get("limit");
    const pid = q.get("productId");
    const limitOk = limit === null || (/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 500);
    const pidOk = pid === null || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(pid);
    expectStatus(a, `GET ${target}`, limitOk && pidOk ? 200 : 400);
    if (a.status !== 200) return;
    t.accepted++;
    const list = rolloutListSchema.parse(a.json());
    expect(list.items.length <= (limit === null ? 100 : Number(limit)), `GET ${target}: more items than the limit`);
    if (pid !== null)
      expect(
        list.items.every((i) => i.productId.toLowerCase() === pid.toLowerCase()),
        `GET ${target}: items of another product`,
      );
    const foreign = new Set([...world.records, ...created].filter((r) => r.org !== c.org).map((r) => r.id));
    expect(
      list.items.every((i) => !foreign.has(i.id)),
      `GET ${target}: another organisation's record listed`,
    );
    t.verified++;
  });
}

export async function getProperty(world: World): Promise<Tally> {
  const arb = fc.record({
    org: fc.constantFrom(...ORGS),
    pick: fc.nat(),
    kind: fc.constantFrom("own", "own", "own", "upper", "other", "random", "bad"),
    badId: fc.constantFrom(...badIds, "a/b", "%", "null", "undefined", "\uD800"),
  });
  return runProperty("GET /api/v1/rollouts/{id}", arb, async (c, t) => {
    const all = [...world.records, ...created];
    const mine = all.filter((r) => r.org === c.org);
    const theirs = all.filter((r) => r.org !== c.org);
    const own = mine[c.pick % Math.max(mine.length, 1)];
    let id: string;
    if ((c.kind === "own" || c.kind === "upper") && own) id = c.kind === "upper" ? own.id.toUpperCase() : own.id;
    else if (c.kind === "other" && theirs.length) id = theirs[c.pick % theirs.length]!.id;
    else if (c.kind === "random") id = crypto.randomUUID();
    else id = c.badId;
    const target = `/api/v1/rollouts/${segment(id)}`;
    const a = await sendWithToken(t, world.pools.get, world.origin, target, {}, c.org);
    count(t, a);
    const found = mine.find((r) => r.id.toLowerCase() === id.toLowerCase());
    // Dot segments and unpaired surrogates (sent as invalid UTF-8) may be answered before the route, but never with a 5xx.
    const reachesRoute = id.isWellFormed();
    expectSafe(a, `GET ${target}`, { api: reachesRoute });
    if (!reachesRoute) return expectStatus(a, `GET ${target}`, [400, 404]);
    expectStatus(a, `GET ${target}`, found ? 200 : 404);
    if (!found) return;
    t.accepted++;
    const detail = a.json() as Record<string, unknown>;
    expect(rolloutDetailSchema.safeParse(detail).success && detail.id === found.id, `GET ${target}: not the record`);
    // The record as stored at creation (setup records may have had events appended since).
    if (detail.state === "closed" && found.body.state === "closed")
      expect(isDeepStrictEqual(detail.record, found.body.record), `GET ${target}: record changed`);
    t.verified++;
  });
}
