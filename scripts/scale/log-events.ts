// Bulk history for the transparency log: valid events (gapless numbers, RFC 8785 bodies made by
// eventBody(), leaf hashes by leafHash()) about the scale organisations' people and objects, copied in
// batches. The per-row trigger audit_events_in_order (and log_state_forward) would refuse a batch, so
// each batch's transaction locks the counter, turns triggers off for itself only (SET LOCAL
// session_replication_role = replica: the owner, a superuser, may), copies the rows and moves the
// counter past them. Nothing else may append meanwhile: a moved counter aborts the batch.
import { randomBytes, randomUUID } from "node:crypto";
import type postgres from "postgres";
import { eventBody } from "@/lib/transparency/event";
import { leafHash } from "@/lib/transparency/merkle";
import { Table } from "./copy-table";
import type { ScaleWorld, Staff } from "./people";
import { pick, rng, weighted } from "./random";

const COLUMNS = [
  "seq",
  "at",
  "actor_user_id",
  "actor_organisation_id",
  "actor_role",
  "client_address",
  "action",
  "target_type",
  "target_id",
  "details",
  "body",
  "leaf_hash",
];
const BATCH = 25_000;

type Refs = {
  byOrg: Map<string, string[]>;
  reviews: { attestationId: string; userId: string; orgId: string; role: string }[];
  reports: string[];
  controls: string[];
  products: Map<string, string[]>;
};

type Actor = { user: string | null; org: string | null; role: string | null };
type Event = { actor: Actor; client: string | null; action: string; object: { type: string; id: string | null }; detail: Record<string, unknown> };

async function loadRefs(sql: postgres.Sql, world: ScaleWorld): Promise<Refs> {
  const atts = await sql<
    { id: string; org: string }[]
  >`select a.id, a.organisation_id as org from attestations a join organisations o on o.id = a.organisation_id where o.slug ~ '^scale-[0-9]+$'`;
  const byOrg = new Map<string, string[]>();
  for (const a of atts) byOrg.set(a.org, [...(byOrg.get(a.org) ?? []), a.id]);
  const reviews = await sql<Refs["reviews"]>`
    select a.id as "attestationId", m.user_id as "userId", ms.organisation_id as "orgId", m.role
    from panel_members m join review_panels p on p.id = m.panel_id join attestations a on a.lineage_id = p.lineage_id
    join memberships ms on ms.user_id = m.user_id where a.status = 'in_review' and m.conflict = 'none'`;
  const reports = (await sql<{ id: string }[]>`select id from published_reports`).map((r) => r.id);
  const controls = (await sql<{ id: string }[]>`select id from catalog_controls`).map((r) => r.id);
  const products = new Map(world.vendors.map((v) => [v.orgId, v.products.map((p) => p.id)]));
  return { byOrg, reviews, reports, controls, products };
}

const address = (r: () => number, staff: boolean) =>
  staff
    ? `10.${20 + Math.floor(r() * 4)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`
    : `${pick(r, ["198.51.100", "203.0.113", "192.0.2"])}.${1 + Math.floor(r() * 254)}`;

/** One plausible event: autosaves dominate, as in the portal. */
function nextEvent(r: () => number, world: ScaleWorld, refs: Refs): Event {
  const kind = weighted(r, [
    ["answer", 40],
    ["signin", 12],
    ["signout", 4],
    ["score", 14],
    ["upload", 5],
    ["link", 5],
    ["export", 5],
    ["rollout", 5],
    ["append", 5],
    ["clarify", 3],
    ["declare", 1],
    ["submit", 1],
  ] as const);
  const v = pick(r, world.vendors);
  const vendorUser = r() < 0.6 ? { user: v.contributor, org: v.orgId, role: "vendor_contributor" } : { user: v.officer, org: v.orgId, role: "vendor_officer" };
  const staff = (s: Staff): Actor => ({ user: s.id, org: s.orgId, role: s.role });
  const att = () => pick(r, refs.byOrg.get(v.orgId) ?? [randomUUID()]);
  const review = () => pick(r, refs.reviews);
  switch (kind) {
    case "answer":
      return {
        actor: vendorUser,
        client: address(r, false),
        action: "attestation.answer_saved",
        object: { type: "attestation", id: att() },
        detail: { controlId: pick(r, refs.controls), version: 1 + Math.floor(r() * 6) },
      };
    case "signin":
    case "signout": {
      const who = r() < 0.7 ? vendorUser : staff(pick(r, world.staff));
      const client = address(r, who.role !== "vendor_officer" && who.role !== "vendor_contributor");
      if (kind === "signout") return { actor: who, client, action: "auth.signed_out", object: { type: "session", id: randomUUID() }, detail: {} };
      return {
        actor: { ...who, role: null },
        client,
        action: "auth.signed_in",
        object: { type: "user", id: who.user },
        detail: { address: client, session: randomUUID(), knownDevice: r() < 0.7 },
      };
    }
    case "score":
    case "declare": {
      const x = review();
      const actor = { user: x.userId, org: x.orgId, role: x.role };
      if (kind === "declare")
        return { actor, client: address(r, true), action: "review.no_conflict_declared", object: { type: "attestation", id: x.attestationId }, detail: {} };
      const score = Math.floor(r() * 5);
      return {
        actor,
        client: address(r, true),
        action: "review.score_saved",
        object: { type: "attestation", id: x.attestationId },
        detail: { controlId: pick(r, refs.controls), score, from: r() < 0.7 ? null : Math.floor(r() * 5), version: 1 + Math.floor(r() * 3) },
      };
    }
    case "upload":
      return {
        actor: vendorUser,
        client: address(r, false),
        action: "evidence.uploaded",
        object: { type: "evidence", id: randomUUID() },
        detail: {
          sha256: randomBytes(32).toString("hex"),
          size: 20_000 + Math.floor(r() * 5_000_000),
          mime: "application/pdf",
          fileName: `release-evidence-${Math.floor(r() * 900) + 100}.pdf`,
        },
      };
    case "link":
      return {
        actor: vendorUser,
        client: address(r, false),
        action: "attestation.evidence_linked",
        object: { type: "attestation", id: att() },
        detail: { controlId: pick(r, refs.controls), evidenceIds: [randomUUID()] },
      };
    case "export": {
      const who = staff(
        pick(
          r,
          world.staff.filter((s) => s.role !== "admin" || r() < 0.2),
        ),
      );
      return {
        actor: who,
        client: address(r, true),
        action: "report.exported",
        object: { type: "report", id: pick(r, refs.reports) },
        detail: {
          format: pick(r, ["pdf", "csv", "json", "oscal-ar", "oscal-poam"]),
          edition: who.role === "gov_observer" ? "observer" : pick(r, ["full", "observer"]),
        },
      };
    }
    case "rollout":
    case "append": {
      const record = randomUUID();
      if (kind === "append")
        return {
          actor: { user: null, org: v.orgId, role: null },
          client: address(r, false),
          action: "rollout_record.appended",
          object: { type: "rollout_record", id: record },
          detail: { event: pick(r, ["ring_started", "gate_evaluated", "promoted", "completed"]), appendCount: 1 + Math.floor(r() * 40) },
        };
      return {
        actor: vendorUser,
        client: address(r, false),
        action: "rollout_record.created",
        object: { type: "rollout_record", id: record },
        detail: {
          productId: pick(r, refs.products.get(v.orgId) ?? [randomUUID()]),
          releaseId: `CU-2026-${String(Math.floor(r() * 9999)).padStart(4, "0")}`,
          worstSeverity: weighted(r, [
            [null, 70],
            ["minor", 20],
            ["critical", 10],
          ] as const),
        },
      };
    }
    case "clarify": {
      const x = review();
      return {
        actor: { user: x.userId, org: x.orgId, role: x.role },
        client: address(r, true),
        action: "clarification.asked",
        object: { type: "attestation", id: x.attestationId },
        detail: { clarificationId: randomUUID(), controlId: pick(r, refs.controls) },
      };
    }
    case "submit":
      return {
        actor: { user: v.officer, org: v.orgId, role: "vendor_officer" },
        client: address(r, false),
        action: "attestation.submitted",
        object: { type: "attestation", id: att() },
        detail: { from: "draft", to: "submitted", revision: 1, digest: randomBytes(32).toString("hex") },
      };
  }
}

/** Appends events until the log holds `target`; returns how many were added and where the time went. */
export async function seedLogEvents(
  sql: postgres.Sql,
  world: ScaleWorld,
  target: number,
  log: (line: string) => void,
): Promise<{ added: number; buildMs: number; copyMs: number }> {
  const [state] = await sql<{ next: number }[]>`select next_seq::int as next from log_state where id = 1`;
  const first = state!.next;
  const need = target - first;
  if (need <= 0) return { added: 0, buildMs: 0, copyMs: 0 };
  const refs = await loadRefs(sql, world);
  const r = rng(first + 77);
  // History spread from early 2024 to a minute ago, in order of number.
  const t0 = Date.UTC(2024, 0, 15);
  const span = Date.now() - 60_000 - t0;
  const spent = { buildMs: 0, copyMs: 0 };
  const started = performance.now();
  let copying: Promise<void> = Promise.resolve();
  for (let base = first; base < target; base += BATCH) {
    const n = Math.min(BATCH, target - base);
    const t = new Table("audit_events", COLUMNS);
    const b0 = performance.now();
    for (let seq = base; seq < base + n; seq++) {
      const e = nextEvent(r, world, refs);
      const at = new Date(t0 + Math.floor(((seq - first) / need) * span)).toISOString();
      const body = eventBody({ seq, at, ...e });
      t.add(
        seq,
        at,
        e.actor.user,
        e.actor.org,
        e.actor.role,
        e.client,
        e.action,
        e.object.type,
        e.object.id,
        JSON.stringify(e.detail),
        body,
        leafHash(body).toString("hex"),
      );
      if (seq % 2_000 === 0) await new Promise((resolve) => setImmediate(resolve)); // let the previous batch's COPY flow
    }
    spent.buildMs += performance.now() - b0;
    await copying;
    copying = (async () => {
      const c0 = performance.now();
      await sql.begin(async (tx) => {
        const [locked] = await tx<{ next: number }[]>`select next_seq::int as next from log_state where id = 1 for update`;
        if (locked!.next !== base)
          throw new Error(`the log counter is at ${locked!.next}, expected ${base}: something else appended meanwhile (stop the portal while seeding)`);
        await tx`set local session_replication_role = replica`;
        await tx`set local synchronous_commit = off`;
        await t.copy(tx);
        await tx`update log_state set next_seq = ${base + n} where id = 1`;
      });
      spent.copyMs += performance.now() - c0;
      const done = base + n - first;
      if (done % 100_000 < BATCH || base + n === target)
        log(
          `  ${(base + n).toLocaleString("en")} events, ${((performance.now() - started) / 1000).toFixed(1)} s (building ${(spent.buildMs / 1000).toFixed(1)} s, COPY ${(spent.copyMs / 1000).toFixed(1)} s, overlapped)`,
        );
    })();
    copying.catch(() => {});
  }
  await copying;
  return { added: need, ...spent };
}
