// The transparency log's public routes (checkpoint list, consistency proofs) and the receipt
// download over real HTTP: query parameters and path ids, fine or broken; every accepted
// consistency proof is verified against the two signed roots it links.
import fc from "fast-check";
import { verifyConsistency } from "@/lib/transparency/merkle";
import { hostileString } from "@/test/helpers/hostile";
import { expectSafe, expectStatus, send } from "../helpers/answers";
import type { World } from "../helpers/world";
import { count, pct, runProperty, segment, type Tally } from "./run";

type Checkpoint = { treeSize: number; rootHash: string };

async function checkpoints(world: World): Promise<Checkpoint[]> {
  const a = await send(world.origin, "/api/log/checkpoints");
  return (a.json() as { checkpoints: Checkpoint[] }).checkpoints;
}

const size = (known: () => number[]) =>
  fc
    .oneof(
      { weight: 5, arbitrary: fc.nat().map((i) => ({ pick: i })) },
      {
        weight: 2,
        arbitrary: fc.constantFrom("0", "1", "01", "-1", "1.0", "1e3", "", " 3", "9999999999999999", "99999999999999999", "0x10").map((raw) => ({ raw })),
      },
      { weight: 1, arbitrary: hostileString.map((raw) => ({ raw: raw.slice(0, 200) })) },
    )
    .map((v) => ("raw" in v ? v.raw : String(known()[v.pick % Math.max(known().length, 1)] ?? 1)));

export async function consistencyProperty(world: World): Promise<Tally> {
  let known: Checkpoint[] = await checkpoints(world);
  const sizes = () => known.map((c) => c.treeSize);
  const arb = fc.record({ from: size(sizes), to: size(sizes), drop: fc.constantFrom("", "", "", "from", "to") });
  return runProperty("GET /api/log/consistency", arb, async (c, t) => {
    if (t.runs % 50 === 1) known = await checkpoints(world);
    const q = [c.drop === "from" ? "" : `from=${pct(c.from)}`, c.drop === "to" ? "" : `to=${pct(c.to)}`].filter(Boolean).join("&");
    const target = `/api/log/consistency?${q}`;
    const a = await send(world.origin, target);
    count(t, a);
    expectSafe(a, `GET ${target}`);
    const p = new URLSearchParams(q);
    const [from, to] = [p.get("from"), p.get("to")];
    const wellFormed = from !== null && to !== null && /^(0|[1-9]\d{0,15})$/.test(from) && /^[1-9]\d{0,15}$/.test(to) && Number(from) <= Number(to);
    if (!wellFormed) return expectStatus(a, `GET ${target}`, 400);
    const rootOf = (n: number) => known.find((k) => k.treeSize === n)?.rootHash;
    const signed = (Number(from) === 0 || rootOf(Number(from)) !== undefined) && rootOf(Number(to)) !== undefined;
    // A checkpoint signed since the list was read may turn a 404 into a 200; never the other way.
    expectStatus(a, `GET ${target}`, signed ? 200 : [404, 200]);
    if (a.status !== 200 || !signed) return;
    t.accepted++;
    const proof = (a.json() as { proof: string[] }).proof;
    const ok =
      Number(from) === 0 ||
      verifyConsistency(
        Number(from),
        Number(to),
        Buffer.from(rootOf(Number(from))!, "hex"),
        Buffer.from(rootOf(Number(to))!, "hex"),
        proof.map((h) => Buffer.from(h, "hex")),
      );
    if (!ok) throw new Error(`GET ${target}: the proof does not link the two signed roots`);
    t.verified++;
  });
}

export async function checkpointListProperty(world: World): Promise<Tally> {
  const arb = fc.oneof(
    { weight: 2, arbitrary: fc.constant<string | null>(null) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 100_000 }).map(String) },
    { weight: 2, arbitrary: fc.constantFrom("0", "-1", "01", "1.5", "", "x", "1e3", "99999999999999999") },
    { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 200)) },
  );
  return runProperty("GET /api/log/checkpoints", arb, async (before, t) => {
    const target = `/api/log/checkpoints${before === null ? "" : `?before=${pct(before)}`}`;
    const a = await send(world.origin, target);
    count(t, a);
    expectSafe(a, `GET ${target}`);
    const b = new URLSearchParams(before === null ? "" : `before=${pct(before)}`).get("before");
    expectStatus(a, `GET ${target}`, b === null || /^[1-9]\d{0,15}$/.test(b) ? 200 : 400);
    if (a.status !== 200) return;
    t.accepted++;
    const list = (a.json() as { checkpoints: Checkpoint[] }).checkpoints;
    if (list.length > 100 || (b !== null && list.some((c) => c.treeSize >= Number(b))))
      throw new Error(`GET ${target}: ${list.length} checkpoints, sizes ${list.map((c) => c.treeSize).join(",")}`);
    t.verified++;
  });
}

export async function receiptProperty(world: World, receipts: string[]): Promise<Tally> {
  const arb = fc.record({
    who: fc.constantFrom("officer@aegis.example", "officer@aegis.example", "officer@bastion.example", "observer@ncra.example", "anonymous"),
    pick: fc.nat(),
    kind: fc.constantFrom("submission", "report", "submission", "Submission", "receipt", "..", "%2e"),
    id: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | null>(null) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom("x", "' OR 1=1 --", "00000000-0000-0000-0000-000000000000", "a".repeat(3000)) },
    ),
  });
  return runProperty("GET /api/receipts/{kind}/{id}", arb, async (c, t) => {
    const known = receipts[c.pick % Math.max(receipts.length, 1)];
    const [kind, id] = c.id === null && known ? (known.split("/") as [string, string]) : [c.kind, c.id ?? crypto.randomUUID()];
    const target = `/api/receipts/${kind === "%2e" ? kind : segment(kind)}/${segment(id)}`;
    const what = `GET ${target} as ${c.who}`;
    const a = await send(world.origin, target, { headers: c.who === "anonymous" ? {} : { cookie: world.sessions[c.who]! } });
    count(t, a);
    const reachesRoute = kind !== ".." && kind !== "%2e";
    expectSafe(a, what, { api: reachesRoute });
    if (!reachesRoute) return expectStatus(a, what, [400, 404]);
    if (c.who === "anonymous") return expectStatus(a, what, 401);
    // The receipts found on the Aegis officer's pages are the officer's; nobody else's here.
    const mine = c.who === "officer@aegis.example" && receipts.includes(`${kind}/${id}`);
    expectStatus(a, what, mine ? 200 : 404);
    if (!mine) return;
    t.accepted++;
    const r = a.json() as { subject?: { kind?: string } };
    if (r.subject?.kind !== kind) throw new Error(`${what}: not a ${kind} receipt`);
    t.verified++;
  });
}

const FILTERS = ["actor", "org", "action", "objectType", "objectId", "from", "to", "client", "after", "before", "limit"] as const;
/** Each filter's good values, then values the route must refuse (or, for coerced numbers, may read). */
const filterValues: Record<(typeof FILTERS)[number], [fc.Arbitrary<string>, fc.Arbitrary<string>]> = {
  actor: [fc.uuid(), fc.constantFrom("x", "6f1c2d4e")],
  org: [fc.uuid(), fc.constantFrom("x", "{6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f}")],
  action: [fc.constantFrom("evidence.", "auth.sign_in_failed", "api_token.used", "report.exported"), fc.constantFrom("EVIDENCE", "a-b", "x".repeat(81))],
  objectType: [fc.constantFrom("attestation", "api_token", "evidence"), fc.constantFrom("x y", "Evidence")],
  objectId: [fc.oneof(fc.uuid(), fc.constantFrom("%", "' OR 1=1 --", "report:1")), fc.constantFrom("\u0000", "a\u0000b", "\uD800")],
  from: [fc.constantFrom("2025-01-01", "2024-02-29", "1000-01-01"), fc.constantFrom("0000-01-01", "2026-02-29", "2025-1-1", "0999-12-31")],
  to: [fc.constantFrom("2030-12-31", "1999-01-01", "9999-12-31"), fc.constantFrom("0000-12-31", "2025-13-01")],
  client: [fc.constantFrom("127.0.0.1", "::1", "10.0.0.7"), fc.constantFrom("localhost", "1.2.3.4/8")],
  after: [fc.constantFrom("0", "-1", "5", "9007199254740991", "1e3"), fc.constantFrom("-2", "9007199254740993", "x", "1.5")],
  before: [fc.constantFrom("1", "100"), fc.constantFrom("0", "1.5", "99999999999999999999")],
  limit: [fc.constantFrom("1", "100", "1000"), fc.constantFrom("1001", "0", "1e2", "0x10", " 5", "", "5.0")],
};

/** GET /api/audit/events as an administrator or a government auditor: the audit page's filters and a limit. */
export async function auditEventsProperty(world: World): Promise<Tally> {
  const { auditFilterSchema } = await import("@/lib/validations/audit");
  const { AUDIT_SPECS } = await import("@/test/unit/schemas/audit-specs");
  const field = (k: (typeof FILTERS)[number]) =>
    fc.oneof(
      { weight: 10, arbitrary: fc.constant<string | null>(null) },
      { weight: 8, arbitrary: filterValues[k][0] },
      { weight: 1, arbitrary: filterValues[k][1] },
      { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 120)) },
    );
  const arb = fc.record({
    who: fc.constantFrom("admin@ringfence.example", "auditor@ncra.example", "auditor@ncra.example", "observer@ncra.example", "anonymous"),
    ...Object.fromEntries(FILTERS.map((k) => [k, field(k)])),
  }) as fc.Arbitrary<Record<string, string | null> & { who: string }>;
  return runProperty("GET /api/audit/events", arb, async (c, t) => {
    const q = FILTERS.filter((k) => c[k] !== null)
      .map((k) => `${k}=${pct(c[k]!)}`)
      .join("&");
    const target = `/api/audit/events${q ? `?${q}` : ""}`;
    const what = `GET ${target} as ${c.who}`;
    const a = await send(world.origin, target, { headers: c.who === "anonymous" ? {} : { cookie: world.sessions[c.who]! } });
    count(t, a);
    expectSafe(a, what);
    if (c.who === "anonymous") return expectStatus(a, what, 401);
    if (c.who === "observer@ncra.example") return expectStatus(a, what, 404);
    const params = Object.fromEntries(new URLSearchParams(q));
    const { limit, ...rest } = params;
    const limitOk = limit === undefined || (/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 1000);
    const parsed = auditFilterSchema.safeParse(rest);
    expectStatus(a, what, limitOk && parsed.success ? 200 : 400);
    if (a.status !== 200 || !parsed.success) return;
    t.accepted++;
    // What the route accepted keeps the filter's documented promise (test/unit/schemas/audit-specs.ts).
    AUDIT_SPECS["lib/validations/audit.ts#auditFilterSchema"]!.shape.check(parsed.data, rest, "query");
    const events = (a.json() as { events: { seq: number; action: string }[] }).events;
    if (events.length > (limit === undefined ? 100 : Number(limit))) throw new Error(`${what}: more events than the limit`);
    const action = parsed.data.action;
    if (action && events.some((e) => (action.endsWith(".") ? !e.action.startsWith(action) : e.action !== action)))
      throw new Error(`${what}: an event of another action`);
    t.verified++;
  });
}
