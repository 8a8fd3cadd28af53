// POST /api/v1/rollouts/{id}/events over real HTTP, against a model of each open record:
// the expected answer is computed from the record as this property last saw it, with the
// portal's own pure functions (the event schema, applying the event, the record's rules),
// and an accepted event must leave exactly the expected record behind.
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { checkRolloutRecord } from "@/lib/rollouts/analysis";
import { appendEventSchema, applyRolloutEvent } from "@/lib/rollouts/append-event";
import { rolloutDetailSchema } from "@/lib/rollouts/api/schemas";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { applyMutation, mutationArb, type Mutation } from "@/test/helpers/mutate";
import { expectSafe, expectStatus } from "../helpers/answers";
import type { Org, World } from "../helpers/world";
import { contentTypes, expectKeyAnswer, KeyModel } from "./rollout-api";
import { count, runProperty, segment, sendWithToken, toJson, type Tally } from "./run";

const KEY = /^[\x21-\x7e]{1,255}$/;
const JSON_TYPE = /^application\/(.+\+)?json\b/i;
const MINUTE = 60_000;

type Model = { id: string; org: Org; record: RolloutRecord; state: "open" | "closed" };

/** An event described relative to the record it goes to, made concrete when the record is known. */
const intent = fc.record({
  type: fc.oneof(
    { weight: 5, arbitrary: fc.constant("ring_started") },
    { weight: 4, arbitrary: fc.constant("gate_evaluated") },
    { weight: 3, arbitrary: fc.constant("ring_promoted") },
    { weight: 3, arbitrary: fc.constantFrom("pause", "halt", "resume", "rollback_started", "rollback_completed") },
    { weight: 1, arbitrary: fc.constant("close") },
  ),
  minutes: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 600 }) }, { weight: 1, arbitrary: fc.integer({ min: -600, max: -1 }) }),
  share: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 100 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 101, 1e9) }),
  pick: fc.nat(),
  newName: fc.boolean(),
  observed: fc.double({ min: 0, max: 10, noNaN: true }),
  offset: fc.constantFrom("Z", "+02:00", "-05:30", "+0100"),
});

function at(ms: number, offset: string): string {
  const sign = offset === "Z" ? 0 : offset.startsWith("-") ? -1 : 1;
  const mins = offset === "Z" ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  return `${new Date(ms + mins * MINUTE).toISOString().slice(0, 19)}${offset}`;
}

/** The latest instant in the record, so events usually come after everything before them. */
function latest(r: RolloutRecord): number {
  const times = [
    r.releasedAt,
    ...r.rings.flatMap((g) => [g.startedAt, g.promotedAt, g.gate && "evaluatedAt" in g.gate ? g.gate.evaluatedAt : null]),
    ...r.events.map((e) => e.at),
  ].filter((x): x is string => !!x);
  return Math.max(...times.map(Date.parse));
}

function eventFor(
  r: RolloutRecord,
  i: { type: string; minutes: number; share: number; pick: number; newName: boolean; observed: number; offset: string },
): Record<string, unknown> {
  const when = at(latest(r) + i.minutes * MINUTE, i.offset);
  const ring = r.rings[i.pick % r.rings.length]!;
  const ringName = i.newName && i.type !== "ring_started" ? `Nowhere ${i.pick}` : ring.name;
  switch (i.type) {
    case "ring_started": {
      const last = r.rings[r.rings.length - 1]!;
      return {
        type: "ring_started",
        name: i.newName ? `Ring ${r.rings.length + 1}-${i.pick % 1000}` : last.name,
        sharePct: Math.min(100, last.sharePct + i.share / 10),
        devices: null,
        startedAt: when,
      };
    }
    case "gate_evaluated":
      return {
        type: "gate_evaluated",
        ring: ringName,
        gate: { metric: "crash_rate", comparator: "<", threshold: 0.5, observed: i.observed, unit: "%", evaluatedAt: when },
      };
    case "ring_promoted":
      return { type: "ring_promoted", ring: ringName, at: when };
    case "close":
      return { type: "close", at: when };
    default:
      return { type: i.type, at: when, reason: `Pipeline says ${i.type} (${i.pick})` };
  }
}

export async function eventsProperty(world: World): Promise<Tally> {
  const models: Model[] = world.records.map((r) => ({ id: r.id, org: r.org, record: r.body.record as RolloutRecord, state: r.state }));
  const arb = fc.record({
    target: fc.constantFrom("open", "open", "open", "open", "open", "open", "closed", "foreign", "random", "bad"),
    pick: fc.nat(),
    intent,
    mutations: fc.oneof({ weight: 2, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 1, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 2 }) }),
    contentType: contentTypes,
    key: fc.oneof(
      { weight: 12, arbitrary: fc.uuid().map((u) => `events-${u}`) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, "", "clé", "x".repeat(256)) },
    ),
    replay: fc.nat({ max: 9 }),
  });
  let previous: { target: string; body: string; key: string; org: Org; status: number; answer: unknown } | null = null;
  const keys = new KeyModel();
  return runProperty("POST /api/v1/rollouts/{id}/events", arb, async (c, t) => {
    // Now and then, the exact request again: the same key and body replay the first answer.
    if (c.replay === 0 && previous && previous.status === 200) {
      const p = previous;
      const a = await sendWithToken(
        t,
        world.pools.events,
        world.origin,
        p.target,
        { method: "POST", headers: { "content-type": "application/json", "idempotency-key": p.key }, body: p.body },
        p.org,
      );
      count(t, a);
      expectSafe(a, `replay ${p.target}`);
      expectStatus(a, `replay ${p.target} ${p.body}`, p.status);
      if (a.headers.get("idempotent-replayed") !== "true" || !isDeepStrictEqual(a.json(), p.answer))
        throw new Error(`replay of ${p.target} did not answer as the first time`);
      t.verified++;
      previous = null;
      return;
    }
    const open = models.filter((m) => m.state === "open");
    const closed = models.filter((m) => m.state === "closed");
    const chosen =
      c.target === "open" && open.length ? open[c.pick % open.length]! : c.target === "closed" && closed.length ? closed[c.pick % closed.length]! : null;
    const base = chosen ?? models[c.pick % models.length]!;
    const org: Org = c.target === "foreign" ? (base.org === "aegis" ? "bastion" : "aegis") : base.org;
    const id = c.target === "random" ? crypto.randomUUID() : c.target === "bad" ? ["x", "1", "' OR 1=1 --", "0".repeat(40)][c.pick % 4]! : base.id;
    // Keep records open to append to: a close only while enough others stay open.
    const intentNow = c.intent.type === "close" && open.length <= 6 ? { ...c.intent, type: "pause" } : c.intent;
    const event = c.mutations.reduce(applyMutation, eventFor(base.record, intentNow));
    const text = toJson(event);
    const target = `/api/v1/rollouts/${segment(id)}/events`;
    const what = `POST ${target} ${text.slice(0, 300)}`;
    const headers: Record<string, string> = { "content-type": c.contentType, ...(c.key === undefined ? {} : { "idempotency-key": c.key }) };
    const a = await sendWithToken(t, world.pools.events, world.origin, target, { method: "POST", headers, body: text }, org);
    count(t, a);
    expectSafe(a, what);
    if (!JSON_TYPE.test(c.contentType)) return expectStatus(a, what, 415);
    if (c.key === undefined || !KEY.test(c.key.replace(/^[ \t]+|[ \t]+$/g, ""))) return expectStatus(a, what, 400, "Idempotency-Key");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return expectStatus(a, what, 400, "not JSON (a mutation removed the whole event)");
    }
    const parsed = appendEventSchema.safeParse(body);
    if (!parsed.success) return expectStatus(a, what, 422, "event schema");
    if (expectKeyAnswer(a, what, keys.check(org, c.key, `${target}\n${text}`))) return void t.verified++;
    const model = models.find((m) => m.id === id && m.org === org);
    if (!model) return expectStatus(a, what, 404);
    if (model.state === "closed") return expectStatus(a, what, 409);
    const applied = applyRolloutEvent(model.record, parsed.data);
    const checked = applied.ok ? checkRolloutRecord(applied.record) : null;
    if (!applied.ok || !checked?.ok) return expectStatus(a, what, 422, "record rules");
    expectStatus(a, what, 200);
    t.accepted++;
    const detail = a.json() as Record<string, unknown>;
    if (!rolloutDetailSchema.safeParse(detail).success || !isDeepStrictEqual(detail.record, checked.record))
      throw new Error(`${what}: stored record differs:\n${JSON.stringify(detail.record)}\n${JSON.stringify(checked.record)}`);
    model.record = checked.record;
    model.state = applied.close ? "closed" : "open";
    if (detail.state !== model.state) throw new Error(`${what}: state ${String(detail.state)}`);
    previous = { target, body: text, key: c.key, org, status: 200, answer: detail };
    keys.store(org, c.key, `${target}\n${text}`, 200, detail);
    t.verified++;
  });
}
