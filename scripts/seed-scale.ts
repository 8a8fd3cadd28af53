// A scale data set for the reports dashboard and the score exports: vendors × products × half-year
// periods, each with a published attestation, its decision (and conditions), a published report with
// both document tiers, and one report_scores row per applicable control. PostgreSQL only.
// Run: DATABASE_URL=postgres://… AUTH_SECRET=… npm run seed:scale -- [--vendors 2000] [--periods 4] [--products 1 | --rows 1000000]
// --rows N picks the products per vendor so that current reports have at least N score rows (the CSV bench wants 1,000,000).
// Published reports can never be deleted: to seed again, drop the database (dropdb … && createdb …).
import { randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedBaselineCatalog } from "@/db/seed/catalog";
import { parseConfig } from "@/lib/config";
import { isApplicable } from "@/lib/attestations/applicability";
import { EVIDENCE_KINDS } from "@/lib/catalog/schema";
import { canonicalize, sha256Hex } from "@/lib/crypto/canonical-json";
import { REPORT_FORMAT, observerTier, type ReportDocument } from "@/lib/reports/document";
import { computeOutcome } from "@/lib/review/outcome";
import { Table } from "./scale/copy-table";
import { pick, rng } from "./scale/random";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number | null): number | null => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number ≥ 1, got ${args[i + 1]}`);
  return n;
};
const VENDORS = opt("vendors", 2000)!;
const PERIODS = opt("periods", 4)!;
const ROWS = opt("rows", null);
const SUPERSEDED_SHARE = 0.03; // of "meets with conditions" reports, the share followed by a remediation revision
const DAY = 86_400_000;
const NOW = Date.now();

type Control = {
  id: string;
  controlId: string;
  title: string;
  domain: string;
  domainTitle: string;
  weight: number;
  must: boolean;
  channels: string[];
  kernelOnly: boolean;
  rubric: string[];
  difficulty: number;
};
type Product = { kernelMode: boolean; channels: { channel: "code" | "content"; cadence: string }[]; platforms: string[]; offset: number };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function productOf(vendor: number, index: number): Product {
  const r = rng(vendor * 7919 + index * 104_729 + 17);
  const c = r();
  const channels: Product["channels"] =
    c < 0.8
      ? [
          { channel: "code", cadence: "monthly" },
          { channel: "content", cadence: pick(r, ["daily", "hourly", "weekly"]) },
        ]
      : c < 0.9
        ? [{ channel: "code", cadence: pick(r, ["weekly", "monthly"]) }]
        : [{ channel: "content", cadence: "daily" }];
  const platforms = ["windows", ...(r() < 0.5 ? ["linux"] : []), ...(r() < 0.3 ? ["macos"] : [])];
  return { kernelMode: r() < 0.7, channels, platforms, offset: (r() - 0.5) * 0.6 };
}

function periodOf(p: number) {
  const year = 2024 + Math.floor(p / 2);
  const [start, end] = p % 2 === 0 ? [`${year}-01-01`, `${year}-06-30`] : [`${year}-07-01`, `${year}-12-31`];
  return { start, end, endMs: Date.parse(`${end}T00:00:00Z`) };
}

const PRE = [
  "Bastion",
  "Aegis",
  "Citadel",
  "Sentinel",
  "Rampart",
  "Warden",
  "Palisade",
  "Bulwark",
  "Vigil",
  "Keystone",
  "Harbor",
  "Northgate",
  "Ironclad",
  "Lumen",
  "Quorum",
  "Halcyon",
  "Meridian",
  "Sablewood",
  "Tessellate",
  "Obsidian",
  "Cobalt",
  "Juniper",
  "Helix",
  "Orchard",
  "Granite",
];
const MID = [
  "Endpoint",
  "Security",
  "Defense",
  "Cyber",
  "Shield",
  "Guard",
  "Labs",
  "Systems",
  "Threat",
  "Secure",
  "Response",
  "Signal",
  "Trust",
  "Watch",
  "Ops",
  "Networks",
];
const SUFFIX = ["Ltd", "Inc.", "GmbH", "B.V.", "S.A.", "AB", "Oy", "plc"];
const PRODUCT = ["Sensor", "Endpoint Protection", "EDR Agent", "Antivirus", "Device Control", "Firewall Agent", "XDR Sensor", "Threat Intel Feed"];
const vendorName = (v: number) =>
  `${PRE[v % PRE.length]} ${MID[Math.floor(v / PRE.length) % MID.length]} ${String(v + 1).padStart(4, "0")} ${SUFFIX[v % SUFFIX.length]}`;
const productName = (v: number, k: number) =>
  `${PRE[v % PRE.length]} ${PRODUCT[k % PRODUCT.length]}${k >= PRODUCT.length ? ` ${Math.floor(k / PRODUCT.length) + 1}` : ""}`;

function tables() {
  return {
    organisations: new Table("organisations", ["id", "name", "slug", "kind", "created_at", "updated_at"]),
    products: new Table("products", ["id", "organisation_id", "name", "platforms", "kernel_mode", "channels", "created_at", "updated_at"]),
    attestations: new Table("attestations", [
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
      "created_at",
      "updated_at",
    ]),
    panels: new Table("review_panels", ["id", "lineage_id", "organisation_id", "due_date", "created_at"]),
    decisions: new Table("review_decisions", [
      "id",
      "attestation_id",
      "panel_id",
      "organisation_id",
      "result",
      "overall",
      "summary",
      "outcome",
      "signed_by",
      "signed_at",
      "cosigned_by",
      "cosigned_at",
    ]),
    remediation: new Table("remediation_items", [
      "id",
      "decision_id",
      "organisation_id",
      "control_id",
      "action",
      "due_date",
      "status",
      "closed_at",
      "created_at",
    ]),
    reports: new Table("published_reports", [
      "id",
      "attestation_id",
      "lineage_id",
      "revision",
      "organisation_id",
      "vendor_name",
      "product_id",
      "product_name",
      "framework_version_id",
      "framework_label",
      "period_start",
      "period_end",
      "result",
      "overall",
      "domain_scores",
      "releases",
      "canary_staged",
      "content_releases",
      "content_canary_staged",
      "submission_digest",
      "full_document",
      "observer_document",
      "full_digest",
      "observer_digest",
      "public_summary",
      "published_by",
      "published_at",
      "superseded_by",
      "superseded_at",
    ]),
    scores: new Table("report_scores", ["report_id", "position", "control_id", "control_title", "domain", "weight", "must", "score"]),
  };
}
type Tables = ReturnType<typeof tables>;

async function main() {
  // Checked before parseConfig, which would create the embedded database's secret file.
  const config = process.env.DATABASE_URL ? parseConfig() : null;
  if (config?.database.kind !== "postgres") {
    console.error(
      "seed:scale needs DATABASE_URL pointing at PostgreSQL: scale data belongs in PostgreSQL, not in the embedded PGlite.\n  e.g. createdb -h 127.0.0.1 -U postgres ringfence_scale && DATABASE_URL=postgres://postgres@127.0.0.1:5432/ringfence_scale AUTH_SECRET=… npm run seed:scale",
    );
    process.exit(2);
  }
  const lastPeriod = periodOf(PERIODS - 1);
  if (lastPeriod.endMs + 120 * DAY > NOW) {
    console.error(`--periods ${PERIODS} reaches ${lastPeriod.end}, too recent for its reports to be published by today; use fewer periods.`);
    process.exit(2);
  }
  const started = performance.now();
  const handle = await openDatabase(config.database);
  const sql = postgres(config.database.url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(handle, config.database);
    const { versionId } = await seedBaselineCatalog(handle.db);
    const [existing] = await sql<{ n: number }[]>`select count(*)::int as n from organisations where slug like 'scale-%'`;
    if (existing!.n > 0) {
      const [c] = await sql<
        { reports: number; scores: number }[]
      >`select (select count(*)::int from published_reports) as reports, (select count(*)::int from report_scores) as scores`;
      console.log(`Scale data is already there (${existing!.n} scale- organisations, ${c!.reports} reports, ${c!.scores} score rows); nothing done.`);
      console.log("Published reports cannot be deleted: to seed again, drop and re-create the database (dropdb … && createdb …).");
      return;
    }
    const [fv] = await sql<{ title: string; version: string }[]>`select title, version from framework_versions where id = ${versionId}`;
    const controls = (
      await sql<Omit<Control, "difficulty">[]>`
        select c.id, c.control_id as "controlId", c.title, d.key as domain, d.title as "domainTitle", c.weight, c.must, c.channels, c.kernel_only as "kernelOnly", c.rubric
        from catalog_controls c join catalog_domains d on d.id = c.domain_id
        where c.version_id = ${versionId} order by d.position, c.position`
    ).map((c, i) => ({ ...c, difficulty: (rng(i + 99)() - 0.65) * 1.2 }));
    const label = `${fv!.title} ${fv!.version}`;

    const applicable = (p: Product) => controls.filter((c) => isApplicable(c, p));
    const rowsFor = (k: number) => {
      let n = 0;
      for (let v = 0; v < VENDORS; v++) for (let i = 0; i < k; i++) n += applicable(productOf(v, i)).length;
      return n * PERIODS;
    };
    let productsPer = opt("products", 1)!;
    if (ROWS) while (rowsFor(productsPer) < ROWS) productsPer++;
    console.log(
      `${controls.length} controls in ${label}; ${VENDORS} vendors × ${productsPer} product(s) × ${PERIODS} periods = ${VENDORS * productsPer * PERIODS} reports, ~${rowsFor(productsPer).toLocaleString("en")} current score rows${ROWS ? ` (--rows ${ROWS.toLocaleString("en")})` : ""}.`,
    );

    // The panel: one lead platform reviewer, one government auditor co-signing every decision.
    const people = { platformOrg: randomUUID(), govOrg: randomUUID(), lead: randomUUID(), auditor: randomUUID() };
    await sql.begin(async (tx) => {
      await tx`insert into organisations (id, name, slug, kind) values (${people.platformOrg}, 'Scale Platform Review', 'scale-platform', 'platform'), (${people.govOrg}, 'Scale National Cyber Office', 'scale-government', 'government')`;
      await tx`insert into users (id, email, name) values (${people.lead}, 'scale-lead@scale.example', 'Scale Lead Reviewer'), (${people.auditor}, 'scale-auditor@scale.example', 'Scale Auditor')`;
      await tx`insert into memberships (user_id, organisation_id, role) values (${people.lead}, ${people.platformOrg}, 'platform_reviewer'), (${people.auditor}, ${people.govOrg}, 'gov_auditor')`;
    });

    const ctx = { versionId, label, fv: fv!, controls, applicable, people, productsPer };
    // Build the next chunk while the previous one is copied (yielding between vendors so its COPY keeps flowing).
    const chunk = Math.max(1, Math.floor(2000 / (productsPer * PERIODS)));
    const spent = { build: 0, copy: 0 };
    let reports = 0;
    let copying: Promise<void> = Promise.resolve();
    for (let from = 0; from < VENDORS; from += chunk) {
      const t = tables();
      const to = Math.min(VENDORS, from + chunk);
      for (let v = from; v < to; v++) {
        const t0 = performance.now();
        reports += seedVendor(ctx, t, v);
        spent.build += performance.now() - t0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await copying;
      const count = reports;
      copying = (async () => {
        const t0 = performance.now();
        await sql.begin(async (tx) => {
          await tx`set local default_toast_compression = 'lz4'`;
          await tx`set local synchronous_commit = off`;
          for (const table of Object.values(t)) await table.copy(tx);
        });
        spent.copy += performance.now() - t0;
        if (Math.floor(to / 250) > Math.floor(from / 250) || to === VENDORS)
          console.log(
            `  ${to}/${VENDORS} vendors, ${count} reports, ${((performance.now() - started) / 1000).toFixed(1)} s (building ${(spent.build / 1000).toFixed(1)} s, COPY ${(spent.copy / 1000).toFixed(1)} s, overlapped)`,
          );
      })();
      copying.catch(() => {});
    }
    await copying;
    // As a long-lived database would be: statistics for the planner, the visibility map for index-only scans.
    await sql`vacuum (analyze)`;
    const [c] = await sql<{ reports: number; current: number; scores: number; currentScores: number; overdue: number }[]>`
      select (select count(*)::int from published_reports) as reports,
             (select count(*)::int from published_reports where superseded_by is null) as current,
             (select count(*)::int from report_scores) as scores,
             (select count(*)::int from report_scores s join published_reports r on r.id = s.report_id where r.superseded_by is null and r.framework_version_id = ${versionId}) as "currentScores",
             (select count(*)::int from remediation_items where status = 'open' and due_date < current_date) as overdue`;
    const [size] = await sql<{ db: string }[]>`select pg_size_pretty(pg_database_size(current_database())) as db`;
    console.log(
      `Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${c!.reports} published reports (${c!.current} current), ${c!.scores.toLocaleString("en")} score rows (${c!.currentScores.toLocaleString("en")} in current reports), ${c!.overdue} overdue remediation items; database ${size!.db}.`,
    );
  } finally {
    await sql.end({ timeout: 5 });
    await handle.close();
  }
}

type Ctx = {
  versionId: string;
  label: string;
  fv: { title: string; version: string };
  controls: Control[];
  applicable: (p: Product) => Control[];
  people: { lead: string; auditor: string };
  productsPer: number;
};

/** One vendor: the organisation, its products, and per product × period an attestation, decision and report. */
function seedVendor(ctx: Ctx, t: Tables, v: number): number {
  const r = rng(v + 1);
  const orgId = randomUUID();
  const name = vendorName(v);
  const created = new Date(Date.UTC(2023, 9, 1) + Math.floor(r() * 60) * DAY).toISOString();
  t.organisations.add(orgId, name, `scale-${String(v + 1).padStart(4, "0")}`, "vendor", created, created);
  // Most vendors improve over time, some stay put, a few slip.
  const base = 1.5 + r() * 2.4;
  const kind = r();
  const slope = kind < 0.5 ? 0.15 + r() * 0.35 : kind < 0.85 ? (r() - 0.5) * 0.1 : -(0.1 + r() * 0.15);
  let n = 0;
  for (let k = 0; k < ctx.productsPer; k++) {
    const product = productOf(v, k);
    const productId = randomUUID();
    const pName = productName(v, k);
    t.products.add(productId, orgId, pName, `{${product.platforms.join(",")}}`, product.kernelMode, JSON.stringify(product.channels), created, created);
    const applicable = ctx.applicable(product);
    for (let p = 0; p < PERIODS; p++) {
      const quality = clamp(base + slope * p + product.offset, 0.4, 3.9);
      const lineageId = randomUUID();
      const panelId = randomUUID();
      const one = { v, orgId, name, productId, pName, product, applicable, p, lineageId, panelId, r };
      const first = report(ctx, t, { ...one, quality, revision: 1, delayDays: 0 });
      n++;
      if (first.result === "meets_with_conditions" && r() < SUPERSEDED_SHARE) {
        const second = report(ctx, t, { ...one, quality: quality + 0.5, revision: 2, delayDays: 90 + Math.floor(r() * 60) });
        first.supersede(second.id, second.publishedAt);
        second.flush();
        n++;
      }
      first.flush();
    }
  }
  return n;
}

type ReportInput = {
  v: number;
  orgId: string;
  name: string;
  productId: string;
  pName: string;
  product: Product;
  applicable: Control[];
  p: number;
  lineageId: string;
  panelId: string;
  r: () => number;
  quality: number;
  revision: number;
  delayDays: number;
};

function report(ctx: Ctx, t: Tables, a: ReportInput) {
  const { r } = a;
  const period = periodOf(a.p);
  const attestationId = randomUUID();
  const reportId = randomUUID();
  const decisionId = randomUUID();
  const at = (days: number) => Math.min(NOW - DAY, period.endMs + (days + a.delayDays) * DAY);
  const signedAt = at(5 + Math.floor(r() * 15));
  const decidedAt = at(30 + Math.floor(r() * 45)) + Math.floor(r() * 8 * 3600_000);
  const cosignedAt = decidedAt + (1 + Math.floor(r() * 3)) * DAY;
  const publishedAt = Math.min(NOW - 3600_000, cosignedAt + (1 + Math.floor(r() * 9)) * DAY);

  const scoreOf = new Map(a.applicable.map((c) => [c.controlId, Math.round(clamp(a.quality + c.difficulty + (r() + r() + r() - 1.5) * 0.8, 0, 4))]));
  const outcome = computeOutcome(
    a.applicable.map((c) => ({ id: c.controlId, domain: c.domain, domainTitle: c.domainTitle, weight: c.weight, must: c.must })),
    scoreOf,
    0,
  );
  if (!outcome.complete) throw new Error("incomplete outcome");
  const result = outcome.result;

  // Rollout records linked in the submission; better vendors start more releases with a canary ring.
  const ships = new Set(a.product.channels.map((c) => c.channel));
  const records = Array.from({ length: Math.floor(r() * (4 + a.quality * 3)) }, (_, i) => {
    const channel = ships.has("content") && (!ships.has("code") || r() < 0.6) ? "content" : "code";
    const canary = r() < clamp(a.quality / 4 + 0.1, 0, 0.98);
    const minor = canary && r() < 0.3;
    const findings = canary
      ? minor
        ? [{ code: "short-bake", severity: "minor", message: "Bake time below the threshold: ring 2 baked 20 hours; the policy asks for 24." }]
        : []
      : [{ code: "no-canary", severity: "critical", message: "No canary ring: the first ring reached more than 1% of the fleet." }];
    const prefix = channel === "content" ? "CU" : "SR";
    return {
      releaseId: `${prefix}-${period.start.slice(0, 4)}-${String(a.p * 100 + i + 1).padStart(4, "0")}`,
      version: `${7 + a.p}.${i}.${100 + i}`,
      channel,
      canary,
      worstSeverity: findings[0]?.severity ?? null,
      findings,
    };
  });
  const content = records.filter((x) => x.channel === "content");

  const evidence = Array.from({ length: 5 + Math.floor(r() * 12) }, (_, i) => {
    const kind = pick(r, EVIDENCE_KINDS);
    const file = kind !== "url" && kind !== "rollout_record";
    return {
      id: randomUUID(),
      title: `${pick(r, ["Deployment practice statement", "Ring topology export", "Release runbook", "Fuzzing report", "Rollback drill record", "Independent assessment", "Incident post-mortem", "Customer ring settings guide"])} ${i + 1}`,
      kind,
      classification: (r() < 0.4 ? "publishable" : "reviewers_only") as "publishable" | "reviewers_only",
      fileName: file ? `evidence-${i + 1}.${kind === "telemetry_export" ? "csv" : "pdf"}` : null,
      sha256: file ? randomBytes(32).toString("hex") : null,
      url: kind === "url" ? `https://vendor${a.v + 1}.example/docs/${i + 1}` : null,
      controls: [pick(r, a.applicable).controlId, pick(r, a.applicable).controlId].filter((x, j, xs) => xs.indexOf(x) === j),
    };
  });

  // Conditions of a "meets with conditions" decision: its weakest controls. Recent ones are still open, some overdue.
  const last = a.p === PERIODS - 1;
  const remediation =
    result === "meets_with_conditions"
      ? [...a.applicable]
          .sort((x, y) => scoreOf.get(x.controlId)! - scoreOf.get(y.controlId)!)
          .slice(0, 1 + Math.floor(r() * 3))
          .map((c) => {
            const open = r() < (last ? 0.45 : 0.08);
            return {
              id: randomUUID(),
              catalogId: c.id,
              controlId: c.controlId,
              action: `Raise ${c.title.toLowerCase()} to level 2: ${c.rubric[2] ?? ""}`,
              dueDate: isoDay(cosignedAt + (60 + Math.floor(r() * 120)) * DAY),
              status: (open ? "open" : "closed") as "open" | "closed",
            };
          })
      : [];

  const full: ReportDocument = {
    format: REPORT_FORMAT,
    tier: "full",
    report: { id: reportId, revision: a.revision, attestationId, publishedAt: new Date(publishedAt).toISOString() },
    vendor: { id: a.orgId, name: a.name },
    product: { name: a.pName, kernelMode: a.product.kernelMode, platforms: a.product.platforms },
    framework: { versionId: ctx.versionId, title: ctx.fv.title, version: ctx.fv.version },
    period: { start: period.start, end: period.end },
    outcome: {
      result,
      overall: outcome.overall,
      reasons: outcome.reasons,
      summary:
        result === "meets"
          ? "Staged rings with health gates for code and content; halts and rollbacks are drilled and measured."
          : result === "meets_with_conditions"
            ? "Rings and health gates are in place; the weakest controls are conditions to close before the next period."
            : "Updates still reach most of the fleet without a canary ring or a working halt; the panel could not accept the practices.",
      decidedAt: new Date(decidedAt).toISOString(),
      cosignedAt: new Date(cosignedAt).toISOString(),
    },
    panel: [
      { organisation: "Scale Platform Review", role: "platform_reviewer", lead: true },
      { organisation: "Scale National Cyber Office", role: "gov_auditor", lead: false },
    ],
    domains: outcome.domains.map((d) => ({ key: d.domain, title: d.title, score: Math.round(d.weightedMean * 100) / 100 })),
    controls: a.applicable.map((c) => {
      const score = scoreOf.get(c.controlId)!;
      return {
        id: c.id,
        controlId: c.controlId,
        title: c.title,
        domain: c.domain,
        weight: c.weight,
        must: c.must,
        score,
        rubric: c.rubric[score] ?? "",
        selfAssessed: r() < 0.8 ? Math.min(4, score + Math.floor(r() * 2)) : null,
      };
    }),
    agreement: { raters: 2, alphaOrdinal: Math.round((0.6 + r() * 0.35) * 100) / 100, kappaQuadratic: Math.round((0.55 + r() * 0.4) * 100) / 100 },
    rollouts: { releases: records.length, canaryStaged: records.filter((x) => x.canary).length, records },
    remediation: remediation.map((x) => ({ id: x.id, controlId: x.controlId, action: x.action, dueDate: x.dueDate, status: x.status })),
    evidence: { items: evidence, confidentialCount: 0, total: evidence.length },
    submission: {
      digest: randomBytes(32).toString("hex"),
      signedAt: new Date(signedAt).toISOString(),
      signerTitle: pick(r, ["Head of Compliance", "Chief Information Security Officer", "VP Engineering"]),
    },
    vendorResponse: r() < 0.4 ? "We are extending canary rings to every content update and will report the first results next period." : null,
  };
  const observer = observerTier(full);
  const fullJson = canonicalize(full);
  const observerJson = canonicalize(observer);

  t.attestations.add(
    attestationId,
    a.lineageId,
    a.revision,
    a.orgId,
    a.productId,
    ctx.versionId,
    a.revision === 1 ? "new" : "remediation",
    period.start,
    period.end,
    "published",
    9,
    new Date(at(-20)).toISOString(),
    new Date(publishedAt).toISOString(),
  );
  if (a.revision === 1) t.panels.add(a.panelId, a.lineageId, a.orgId, isoDay(signedAt + 30 * DAY), new Date(signedAt + DAY).toISOString());
  const decisionOutcome = JSON.stringify({
    domains: outcome.domains.map((d) => ({ domain: d.domain, title: d.title, weightedMean: d.weightedMean })),
    reasons: outcome.reasons,
  });
  for (const x of remediation)
    t.remediation.add(
      x.id,
      decisionId,
      a.orgId,
      x.catalogId,
      x.action,
      x.dueDate,
      x.status,
      x.status === "closed" ? new Date(Math.min(NOW - DAY, Date.parse(x.dueDate) - 10 * DAY)).toISOString() : null,
      new Date(decidedAt).toISOString(),
    );

  let supersededBy: string | null = null;
  let supersededAt: string | null = null;
  return {
    id: reportId,
    result,
    publishedAt: new Date(publishedAt).toISOString(),
    supersede(id: string, when: string) {
      supersededBy = id;
      supersededAt = when;
    },
    /** Rows are added once the successor (if any) is known; the successor's rows come first, which the self-reference needs. */
    flush() {
      t.decisions.add(
        decisionId,
        attestationId,
        a.panelId,
        a.orgId,
        result,
        outcome.overall.toFixed(2),
        full.outcome.summary,
        decisionOutcome,
        ctx.people.lead,
        new Date(decidedAt).toISOString(),
        ctx.people.auditor,
        new Date(cosignedAt).toISOString(),
      );
      t.reports.add(
        reportId,
        attestationId,
        a.lineageId,
        a.revision,
        a.orgId,
        a.name,
        a.productId,
        a.pName,
        ctx.versionId,
        ctx.label,
        period.start,
        period.end,
        result,
        outcome.overall.toFixed(2),
        JSON.stringify(full.domains),
        full.rollouts.releases,
        full.rollouts.canaryStaged,
        content.length,
        content.filter((x) => x.canary).length,
        full.submission.digest,
        fullJson,
        observerJson,
        sha256Hex(fullJson),
        sha256Hex(observerJson),
        r() < 0.3,
        ctx.people.lead,
        full.report.publishedAt,
        supersededBy,
        supersededAt,
      );
      full.controls.forEach((c, i) => t.scores.add(reportId, i + 1, c.controlId, c.title, c.domain, c.weight, c.must, c.score));
    },
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
