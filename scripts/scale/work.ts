// Vendor work in progress on top of seed:scale's published history: a second product per vendor, a
// small evidence vault of links, and attestations for recent periods in the states a live portal
// holds — drafts being answered, signed submissions waiting for a panel, reviews under way (panel,
// conflict declarations, partly filled scorecards) and withdrawals — with panel notifications.
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { isApplicable } from "@/lib/attestations/applicability";
import { answersFor, addDays, linksFor, signedSnapshot, type CatalogControl, type Evidence } from "./answers";
import { Table } from "./copy-table";
import type { ScaleVendor, ScaleWorld } from "./people";
import { pick, rng, weighted } from "./random";

const DAY = 86_400_000;
type State = "draft" | "submitted" | "in_review" | "withdrawn";
export type WorkContext = {
  versionId: string;
  framework: { versionId: string; title: string; version: string };
  controls: CatalogControl[];
  world: ScaleWorld;
  now: number;
};

function tables() {
  const t = (name: string, columns: string[]) => new Table(name, columns);
  return {
    products: t("products", ["id", "organisation_id", "name", "platforms", "kernel_mode", "channels", "created_by", "created_at", "updated_at"]),
    evidence: t("evidence_items", [
      "id",
      "organisation_id",
      "kind",
      "title",
      "description",
      "evidence_date",
      "valid_until",
      "classification",
      "url",
      "created_by",
      "created_at",
      "updated_by",
      "updated_at",
    ]),
    attestations: t("attestations", [
      "id",
      "lineage_id",
      "revision",
      "organisation_id",
      "product_id",
      "framework_version_id",
      "kind",
      "period_start",
      "period_end",
      "status",
      "state_version",
      "withdrawn_at",
      "withdrawn_by",
      "withdrawn_by_name",
      "withdrawn_reason",
      "created_by",
      "created_at",
      "updated_at",
    ]),
    answers: t("attestation_answers", [
      "attestation_id",
      "control_id",
      "status",
      "narrative",
      "maturity",
      "justification",
      "target_date",
      "plan",
      "version",
      "updated_by",
      "updated_at",
    ]),
    links: t("evidence_links", ["evidence_id", "attestation_id", "control_id", "created_by", "created_at"]),
    submissions: t("attestation_submissions", [
      "attestation_id",
      "snapshot",
      "digest",
      "signer_user_id",
      "signer_name",
      "signer_title",
      "statement_version",
      "signed_at",
    ]),
    panels: t("review_panels", ["id", "lineage_id", "organisation_id", "due_date", "assigned_by", "created_at"]),
    members: t("panel_members", ["panel_id", "user_id", "role", "is_lead", "conflict", "declared_at", "created_at"]),
    scorecards: t("scorecards", ["id", "panel_id", "attestation_id", "user_id", "created_at"]),
    scores: t("scores", ["scorecard_id", "control_id", "score", "rationale", "version", "updated_at"]),
    notifications: t("notifications", ["user_id", "kind", "title", "body", "link", "created_at", "read_at"]),
  };
}
type Tables = ReturnType<typeof tables>;

function periodOf(p: number) {
  const year = 2024 + Math.floor(p / 2);
  return p % 2 === 0 ? { start: `${year}-01-01`, end: `${year}-06-30` } : { start: `${year}-07-01`, end: `${year}-12-31` };
}

/** Slot i of a vendor: alternate products, newest period first; the period decides the likely states. */
function slotOf(i: number, r: () => number): { product: number; period: number; state: State } {
  const period = 5 - Math.floor(i / 2);
  const state: State =
    period >= 5
      ? "draft"
      : period === 4
        ? weighted(r, [
            ["submitted", 25],
            ["in_review", 60],
            ["withdrawn", 15],
          ] as const)
        : weighted(r, [
            ["in_review", 20],
            ["withdrawn", 40],
            ["draft", 40],
          ] as const);
  return { product: i % 2, period, state };
}

/** Adds `perVendor` attestations to every scale vendor, 100 vendors per transaction. Returns the attestations created. */
export async function seedScaleWork(sql: postgres.Sql, ctx: WorkContext, perVendor: number, log: (line: string) => void): Promise<number> {
  let created = 0;
  const started = performance.now();
  for (let from = 0; from < ctx.world.vendors.length; from += 100) {
    const t = tables();
    const chunk = ctx.world.vendors.slice(from, from + 100);
    for (const v of chunk) created += seedVendorWork(ctx, t, v, from + chunk.indexOf(v), perVendor);
    await sql.begin(async (tx) => {
      await tx`set local synchronous_commit = off`;
      await tx`set local default_toast_compression = 'lz4'`;
      for (const table of Object.values(t)) await table.copy(tx);
    });
    const to = from + chunk.length;
    if (to % 500 === 0 || to === ctx.world.vendors.length)
      log(`  ${to}/${ctx.world.vendors.length} vendors, ${created} attestations, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return created;
}

function seedVendorWork(ctx: WorkContext, t: Tables, v: ScaleVendor, index: number, perVendor: number): number {
  const r = rng(9_001 + index);
  const iso = (ms: number) => new Date(Math.min(ms, ctx.now - 60_000)).toISOString();
  const products = [...v.products];
  if (products.length < 2) {
    const p = {
      id: randomUUID(),
      name: `${v.name.split(" ")[0]} Cloud Workload Agent`,
      kernelMode: false,
      platforms: ["linux", "windows"],
      channels: [
        { channel: "code" as const, cadence: "weekly" },
        { channel: "content" as const, cadence: "daily" },
      ],
    };
    const at = iso(Date.UTC(2025, 3, 1) + Math.floor(r() * 120) * DAY);
    t.products.add(p.id, v.orgId, p.name, `{${p.platforms.join(",")}}`, p.kernelMode, JSON.stringify(p.channels), v.officer, at, at);
    products.push(p);
  }
  const vault: Evidence[] = Array.from({ length: 6 }, (_, i) => {
    const e: Evidence = {
      id: randomUUID(),
      title: `${pick(r, ["Deployment practice statement", "Ring topology", "Release runbook", "Rollback drill record", "Fuzzing summary", "Customer ring settings guide"])} (${i + 1})`,
      kind: "url",
      evidenceDate: addDays("2025-01-01", Math.floor(r() * 600)),
      validUntil: r() < 0.2 ? "2027-12-31" : null,
      classification: r() < 0.4 ? "publishable" : "reviewers_only",
      url: `https://${v.slug}.example/trust/${i + 1}`,
      fileName: null,
      sha256: null,
      version: 0,
      size: null,
    };
    const at = iso(Date.parse(`${e.evidenceDate!}T09:00:00Z`) + DAY);
    t.evidence.add(
      e.id,
      v.orgId,
      e.kind,
      e.title,
      "Public page on the vendor's trust centre.",
      e.evidenceDate,
      e.validUntil,
      e.classification,
      e.url,
      v.officer,
      at,
      v.officer,
      at,
    );
    return e;
  });
  for (let i = 0; i < perVendor; i++) {
    const slot = slotOf(i, r);
    const product = products[slot.product % products.length]!;
    const period = periodOf(slot.period);
    const controls = ctx.controls.filter((c) => isApplicable(c, product));
    const id = randomUUID();
    const lineageId = randomUUID();
    const endMs = Date.parse(`${period.end}T00:00:00Z`);
    const createdAt = Math.min(ctx.now - 30 * DAY, endMs - 120 * DAY + Math.floor(r() * 60) * DAY);
    const signed = slot.state !== "draft";
    const answers = answersFor(r, controls, signed ? 1 : 0.2 + r() * 0.75, period.end);
    const links = linksFor(r, controls, answers, vault);
    const signedAt = Math.min(ctx.now - 20 * DAY, endMs + (5 + Math.floor(r() * 40)) * DAY);
    const panelAt = signedAt + (2 + Math.floor(r() * 8)) * DAY;
    const withdrawnAt = panelAt + Math.floor(r() * 10) * DAY;
    const updatedAt =
      slot.state === "draft"
        ? Math.min(ctx.now - 3_600_000, createdAt + DAY + Math.floor(r() * 90 * DAY))
        : slot.state === "withdrawn"
          ? withdrawnAt
          : slot.state === "in_review"
            ? panelAt
            : signedAt;
    const stateVersion = { draft: 1, submitted: 2, in_review: 3, withdrawn: 3 }[slot.state];
    const withdrawn = slot.state === "withdrawn";
    t.attestations.add(
      id,
      lineageId,
      1,
      v.orgId,
      product.id,
      ctx.versionId,
      "new",
      period.start,
      period.end,
      slot.state,
      stateVersion,
      withdrawn ? iso(withdrawnAt) : null,
      withdrawn ? v.officer : null,
      withdrawn ? `Officer ${v.slug.slice(6)}` : null,
      withdrawn ? "The product line is being merged into our main sensor; we will attest for it there." : null,
      v.officer,
      iso(createdAt),
      iso(updatedAt),
    );
    for (const a of answers) {
      const by = r() < 0.6 ? v.contributor : v.officer;
      t.answers.add(
        id,
        a.controlId,
        a.status,
        a.narrative,
        a.maturity,
        a.justification,
        a.targetDate,
        a.plan,
        a.version,
        by,
        iso(Math.min(updatedAt, createdAt + Math.floor(r() * 40) * DAY)),
      );
    }
    for (const [controlId, list] of links) for (const e of list) t.links.add(e.id, id, controlId, v.contributor, iso(createdAt + DAY));
    if (!signed) continue;
    const signer = { name: `Officer ${v.slug.slice(6)}`, title: "Head of Compliance", userId: v.officer, signedAt: iso(signedAt) };
    const { snapshot, digest } = signedSnapshot({
      attestation: { id, lineageId, revision: 1, kind: "new", periodStart: period.start, periodEnd: period.end },
      organisation: { id: v.orgId, name: v.name },
      product: { id: product.id, name: product.name, platforms: product.platforms, kernelMode: product.kernelMode, channels: product.channels },
      framework: ctx.framework,
      signer,
      controls,
      answers,
      links,
    });
    t.submissions.add(id, JSON.stringify(snapshot), digest, v.officer, signer.name, signer.title, snapshot.signature.statementVersion, signer.signedAt);
    if (slot.state === "in_review" || (withdrawn && r() < 0.5)) panel(ctx, t, r, { id, lineageId, orgId: v.orgId, controls, panelAt, now: ctx.now, iso });
  }
  return perVendor;
}

type PanelInput = { id: string; lineageId: string; orgId: string; controls: CatalogControl[]; panelAt: number; now: number; iso: (ms: number) => string };

/** A panel: a lead reviewer, a government auditor, sometimes a second reviewer; declarations and partly filled scorecards. */
function panel(ctx: WorkContext, t: Tables, r: () => number, a: PanelInput) {
  const { reviewers, auditors, admins } = ctx.world;
  const panelId = randomUUID();
  const seated = [
    { who: pick(r, reviewers), lead: true },
    { who: pick(r, auditors), lead: false },
  ];
  if (r() < 0.3) {
    const second = pick(r, reviewers);
    if (second.id !== seated[0]!.who.id) seated.push({ who: second, lead: false });
  }
  t.panels.add(panelId, a.lineageId, a.orgId, a.iso(a.panelAt + (20 + Math.floor(r() * 70)) * DAY).slice(0, 10), pick(r, admins).id, a.iso(a.panelAt));
  for (const { who, lead } of seated) {
    const declared = r() < 0.85;
    const declaredAt = a.panelAt + Math.floor(r() * 3) * DAY;
    t.members.add(panelId, who.id, who.role, lead, declared ? "none" : "pending", declared ? a.iso(declaredAt) : null, a.iso(a.panelAt));
    t.notifications.add(
      who.id,
      "panel_assigned",
      "You have been placed on a review panel",
      "Declare any conflict of interest before you start.",
      `/review/${a.id}`,
      a.iso(a.panelAt),
      declared ? a.iso(declaredAt) : null,
    );
    if (!declared || r() < 0.3) continue;
    const cardId = randomUUID();
    t.scorecards.add(cardId, panelId, a.id, who.id, a.iso(declaredAt));
    const share = r();
    for (const c of a.controls) {
      if (r() >= share) continue;
      t.scores.add(
        cardId,
        c.id,
        Math.floor(r() * 5),
        r() < 0.7 ? "Matches the evidence; the canary ring and gates are described and measured." : "",
        1 + Math.floor(r() * 3),
        a.iso(declaredAt + Math.floor(r() * 10) * DAY),
      );
    }
  }
}
