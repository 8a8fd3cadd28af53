// seed:scale's generator: a deterministic, varied data set for benchmarks. Per vendor: an officer and a
// contributor, 1–5 products, an evidence vault (links, small real files, rollout records), rollout
// records with 3–8 rings and their events, published history for every past half-year (panel,
// scorecards, decision, conditions, report with score rows), and attestations of the two latest
// half-years in every live state (draft, submitted, in review, changes requested, reconciliation,
// decided, withdrawn) with answers, evidence links, signed snapshots, panels, scores and notifications.
// Rows go in with COPY, 100 vendors per transaction (25 on PGlite); the same seed and options give the same rows and ids.
import { and, asc, count, eq, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { DbHandle } from "@/db/client";
import { rebuildDerived } from "@/db/derived";
import * as schema from "@/db/schema";
import { seedBaselineCatalog } from "@/db/seed/catalog";
import { isApplicable } from "@/lib/attestations/applicability";
import { canonicalize, sha256Hex } from "@/lib/crypto/canonical-json";
import { REPORT_FORMAT, observerTier, type ReportDocument } from "@/lib/reports/document";
import { computeOutcome } from "@/lib/review/outcome";
import { analyseRollout, ANALYSER_VERSION } from "@/lib/rollouts/analysis";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import type { RolloutThresholds } from "@/lib/catalog/schema";
import type { BlobStore } from "@/lib/storage/blob-store";
import { appendEvent } from "@/lib/transparency/log";
import { answersFor, linksFor, signedSnapshot, addDays, type Answer, type CatalogControl, type Evidence } from "../scale/answers";
import { pick, rng, weighted } from "../scale/random";
import { copyTables, type Table } from "./table";
import { scaleTables, type ScaleTables } from "./tables";

export type ScaleOptions = {
  vendors: number;
  seed: number;
  /** Past half-years with published reports (from 2024-H1). */
  periods?: number;
  /** Products per vendor; by default 1–5, drawn per vendor. */
  products?: number | null;
  /** Where the evidence files go (the app's blob store); null writes no files and makes no file evidence. */
  blobs: BlobStore | null;
  /** Transparency log events appended through appendEvent (serialised; kept small). */
  logEvents?: number;
  /** Vendors per COPY transaction. */
  batch?: number;
  log?: (line: string) => void;
};

export class ScaleDataExists extends Error {}

const DAY = 86_400_000;
/** "Today" of the data set, fixed so that runs agree; every generated time is before it. */
export const SCALE_NOW = Date.UTC(2026, 10, 20, 12);
const iso = (ms: number) => new Date(Math.min(ms, SCALE_NOW - 60_000)).toISOString();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

type Control = CatalogControl & { domainTitle: string; weight: number; rubric: string[]; difficulty: number };
type Product = {
  id: string;
  name: string;
  kernelMode: boolean;
  channels: { channel: "code" | "content"; cadence: string }[];
  platforms: string[];
  offset: number;
};
type Staff = { id: string; role: "platform_reviewer" | "gov_auditor" };
type World = {
  versionId: string;
  label: string;
  framework: { versionId: string; title: string; version: string };
  controls: Control[];
  thresholds: RolloutThresholds | null;
  reviewers: Staff[];
  auditors: Staff[];
  files: { sha256: string; size: number; fileName: string; kind: string }[];
  periods: number;
};
type Vendor = { v: number; orgId: string; name: string; slug: string; officer: string; contributor: string; products: Product[]; vault: Evidence[] };

function periodOf(p: number) {
  const year = 2024 + Math.floor(p / 2);
  const [start, end] = p % 2 === 0 ? [`${year}-01-01`, `${year}-06-30`] : [`${year}-07-01`, `${year}-12-31`];
  return { start, end, endMs: Date.parse(`${end}T00:00:00Z`) };
}

/** A 32-bit seed for vendor `v` of run `seed` (so vendors do not share sequences). */
function mix(seed: number, v: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(v + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}
const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
function hash32(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x85ebca6b, 0xcc9e2d51) ^ Math.imul(b + 0x27d4eb2f, 0x1b873593) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Ids for vendor `v` of run `seed` (v = -1 for the review side): version-4-shaped UUIDs that are unique by
 * construction, the first word a bijection of the vendor, the last a bijection of a per-vendor counter
 * (random draws from a 32-bit generator would repeat at this volume).
 */
function idsFor(seed: number, v: number): () => string {
  const w0 = (Math.imul(v >>> 0, 0x9e3779b1) + hash32(seed, 1, 2)) >>> 0;
  const salt = hash32(seed, v, 3);
  let n = 0;
  return () => {
    n++;
    const w1 = hash32(seed ^ v, n, 4);
    const w2 = hash32(seed ^ v, n, 5);
    const w3 = (Math.imul(n, 0x2545f491) + salt) >>> 0;
    const a = hex8(w1);
    const b = hex8(w2);
    return `${hex8(w0)}-${a.slice(0, 4)}-4${a.slice(5, 8)}-${"89ab"[w2 >>> 30]}${b.slice(1, 4)}-${b.slice(4, 8)}${hex8(w3)}`;
  };
}
const hexFrom = (r: () => number, n = 64) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");

const PRE = ["Bastion", "Aegis", "Citadel", "Sentinel", "Rampart", "Warden", "Palisade", "Bulwark", "Vigil", "Keystone", "Harbor", "Northgate"];
const PRE2 = ["Ironclad", "Lumen", "Quorum", "Halcyon", "Meridian", "Sablewood", "Tessellate", "Obsidian", "Cobalt", "Juniper", "Helix", "Orchard", "Granite"];
const MID = ["Endpoint", "Security", "Defense", "Cyber", "Shield", "Guard", "Labs", "Systems", "Threat", "Secure", "Response", "Signal", "Trust", "Watch"];
const SUFFIX = ["Ltd", "Inc.", "GmbH", "B.V.", "S.A.", "AB", "Oy", "plc"];
const PRODUCT = ["Sensor", "Endpoint Protection", "EDR Agent", "Antivirus", "Device Control", "Firewall Agent", "XDR Sensor", "Threat Intel Feed"];
const FIRST = ["Alex", "Sam", "Robin", "Kim", "Jordan", "Noor", "Mika", "Ines", "Tomas", "Aiko", "Lena", "Omar", "Priya", "Jonas", "Eva", "Luca"];
const LAST = ["Berg", "Novak", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Fischer", "Costa", "Nguyen", "Walsh", "Jansen", "Rossi"];
const EVIDENCE_TITLES = [
  "Deployment practice statement",
  "Ring topology export",
  "Release runbook",
  "Fuzzing report",
  "Rollback drill record",
  "Independent assessment",
  "Incident post-mortem",
  "Customer ring settings guide",
];

/** Seeds the scale data set into a migrated database. Returns the row counts of the tables it fills. */
export async function seedScale(handle: DbHandle, o: ScaleOptions): Promise<{ counts: Record<string, number>; seconds: number; logEvents: number }> {
  const log = o.log ?? (() => {});
  const started = performance.now();
  const db = handle.db;
  const periods = o.periods ?? 4;
  if (periodOf(periods - 1).endMs + 150 * DAY > SCALE_NOW) throw new Error(`--periods ${periods} reaches too close to ${isoDay(SCALE_NOW)}; use at most 4.`);
  const [existing] = await db.select({ id: schema.organisations.id }).from(schema.organisations).where(eq(schema.organisations.slug, "scale-platform"));
  if (existing) throw new ScaleDataExists("Scale data is already in this database (organisation scale-platform exists).");

  const { versionId } = await seedBaselineCatalog(db);
  const [fv] = await db
    .select({ title: schema.frameworkVersions.title, version: schema.frameworkVersions.version, thresholds: schema.frameworkVersions.thresholds })
    .from(schema.frameworkVersions)
    .where(eq(schema.frameworkVersions.id, versionId));
  const rows = await db
    .select({
      id: schema.catalogControls.id,
      controlId: schema.catalogControls.controlId,
      title: schema.catalogControls.title,
      domainKey: schema.catalogDomains.key,
      domainTitle: schema.catalogDomains.title,
      weight: schema.catalogControls.weight,
      must: schema.catalogControls.must,
      channels: schema.catalogControls.channels,
      kernelOnly: schema.catalogControls.kernelOnly,
      rubric: schema.catalogControls.rubric,
    })
    .from(schema.catalogControls)
    .innerJoin(schema.catalogDomains, eq(schema.catalogDomains.id, schema.catalogControls.domainId))
    .where(and(eq(schema.catalogControls.versionId, versionId)))
    .orderBy(asc(schema.catalogDomains.position), asc(schema.catalogControls.position));
  const controls: Control[] = rows.map((c, i) => ({
    ...c,
    channels: c.channels as string[],
    rubric: c.rubric as string[],
    difficulty: (rng(i + 99)() - 0.65) * 1.2,
  }));
  const world: World = {
    versionId,
    label: `${fv!.title} ${fv!.version}`,
    framework: { versionId, title: fv!.title, version: fv!.version },
    controls,
    thresholds: (fv!.thresholds as RolloutThresholds | null) ?? null,
    reviewers: [],
    auditors: [],
    files: [],
    periods,
  };
  log(`Catalog ${world.label}: ${controls.length} controls. Seeding ${o.vendors} vendors from seed ${o.seed}.`);

  // The review side and the shared evidence files.
  const wr = rng(mix(o.seed, -1));
  const wid = idsFor(o.seed, -1);
  const t0 = scaleTables();
  const platformOrg = wid();
  const govOrg = wid();
  const since = iso(Date.UTC(2023, 8, 1));
  t0.organisations.add(platformOrg, "Scale Platform Review", "scale-platform", "platform", since, since);
  t0.organisations.add(govOrg, "Scale National Cyber Office", "scale-government", "government", since, since);
  const staff = (n: number, role: Staff["role"], org: string, email: (i: number) => string, name: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => {
      const id = wid();
      t0.users.add(id, email(i), name(i), since, since);
      t0.memberships.add(wid(), id, org, role, since, since);
      return { id, role };
    });
  const reviewerCount = clamp(Math.ceil(o.vendors / 50), 2, 40);
  const auditorCount = clamp(Math.ceil(o.vendors / 100), 1, 20);
  world.reviewers = staff(
    reviewerCount,
    "platform_reviewer",
    platformOrg,
    (i) => (i === 0 ? "scale-lead@scale.example" : `scale-reviewer-${i + 1}@scale.example`),
    (i) => (i === 0 ? "Scale Lead Reviewer" : `${pick(wr, FIRST)} ${pick(wr, LAST)}`),
  );
  world.auditors = staff(
    auditorCount,
    "gov_auditor",
    govOrg,
    (i) => (i === 0 ? "scale-auditor@scale.example" : `scale-auditor-${i + 1}@scale.example`),
    (i) => (i === 0 ? "Scale Auditor" : `${pick(wr, FIRST)} ${pick(wr, LAST)}`),
  );
  if (o.blobs) {
    const FILES = 12;
    for (let k = 0; k < FILES; k++) {
      const csv = k % 3 === 0;
      const fileName = csv ? `telemetry-export-${k + 1}.csv` : `${EVIDENCE_TITLES[k % EVIDENCE_TITLES.length]!.toLowerCase().replace(/ /g, "-")}-${k + 1}.txt`;
      const lines = csv
        ? [
            "ring,devices,crash_rate_per_million,started_at",
            ...Array.from(
              { length: 20 },
              (_, i) => `ring-${i + 1},${(i + 1) * 1000 + Math.floor(wr() * 900)},${(wr() * 3).toFixed(3)},2026-0${1 + (i % 9)}-1${i % 10}T08:00:00Z`,
            ),
          ]
        : [
            `${fileName} (scale data set, seed ${o.seed})`,
            "",
            ...Array.from(
              { length: 12 },
              () => `${pick(wr, EVIDENCE_TITLES)}: ${pick(wr, ["rings 0-3 staged", "canary 1% for 24 h", "rollback drilled", "gate on crash rate"])}.`,
            ),
          ];
      const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
      const put = await o.blobs.putStream(
        (async function* () {
          yield bytes;
        })(),
        { maxBytes: 1 << 20 },
      );
      world.files.push({ sha256: put.sha256, size: put.size, fileName, kind: csv ? "telemetry_export" : k % 3 === 1 ? "test_report" : "document" });
      t0.blobs.add(put.sha256, put.size, csv ? "text/csv" : "text/plain", since);
    }
  }
  const totals = new Map<string, number>();
  const add = (m: Map<string, number>) => m.forEach((n, k) => totals.set(k, (totals.get(k) ?? 0) + n));
  add(await copyTables(handle, Object.values(t0)));

  // Vendors, in batches; the next batch is built while the previous one is copied.
  const batch = o.batch ?? (handle.kind === "postgres" ? 100 : 25);
  const submitted: { attestationId: string; orgId: string; officer: string; at: string }[] = [];
  let copying: Promise<void> = Promise.resolve();
  let lastPrint = 0;
  for (let from = 0; from < o.vendors; from += batch) {
    const t = scaleTables();
    const to = Math.min(o.vendors, from + batch);
    for (let v = from; v < to; v++) {
      seedVendor(world, t, o, v, submitted);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await copying;
    const tables: Table[] = Object.values(t);
    copying = copyTables(handle, tables).then((m) => {
      add(m);
      const s = (performance.now() - started) / 1000;
      if (s - lastPrint >= 5 || to === o.vendors) {
        lastPrint = s;
        log(
          `  vendors ${to}/${o.vendors}, attestations ${totals.get("attestations") ?? 0}, reports ${totals.get("published_reports") ?? 0}, ${s.toFixed(1)} s`,
        );
      }
    });
    copying.catch(() => {});
  }
  await copying;

  // The transparency log is serialised (one counter row), so only a bounded number of events is appended.
  const cap = Math.min(o.logEvents ?? 200, submitted.length);
  for (let i = 0; i < cap; i += 50) {
    await db.transaction(async (tx) => {
      for (const s of submitted.slice(i, Math.min(cap, i + 50)))
        await appendEvent(tx, {
          actor: { userId: s.officer, organisationId: s.orgId, role: "vendor_officer" },
          clientAddress: null,
          action: "attestation.submitted",
          target: { type: "attestation", id: s.attestationId },
          details: { seededAt: s.at },
        });
    });
  }
  if (cap)
    log(
      submitted.length > cap
        ? `  log events: ${cap} appended for the first of ${submitted.length} submissions (the log is serialised, so seed:scale appends a bounded number; --log-events).`
        : `  log events: ${cap} appended, one per submission.`,
    );

  // The queue columns and dashboard figures the triggers keep, which the COPY switched off (db/derived.ts).
  const rebuilt = performance.now();
  await rebuildDerived(db);
  log(`  kept queue columns and dashboard figures rebuilt in ${((performance.now() - rebuilt) / 1000).toFixed(1)} s`);

  const counts: Record<string, number> = {};
  const names = [...new Set([...Object.values(scaleTables()).map((x) => x.name), "audit_events"])];
  const bySql = Object.fromEntries(Object.values(schema).flatMap((x) => (is(x, PgTable) ? [[getTableName(x), x]] : [])));
  for (const name of names) {
    const table = bySql[name];
    if (!table) continue;
    const [c] = await db.select({ n: count() }).from(table as typeof schema.users);
    counts[name] = c!.n;
  }
  return { counts, seconds: (performance.now() - started) / 1000, logEvents: cap };
}

function productFor(r: () => number, id: string, v: number, k: number): Product {
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
  const name = `${PRE[v % PRE.length]} ${PRODUCT[k % PRODUCT.length]}`;
  return { id, name, kernelMode: r() < 0.7, channels, platforms, offset: (r() - 0.5) * 0.6 };
}

function seedVendor(w: World, t: ScaleTables, o: ScaleOptions, v: number, submitted: { attestationId: string; orgId: string; officer: string; at: string }[]) {
  const r = rng(mix(o.seed, v));
  const id = idsFor(o.seed, v);
  const num = String(v + 1).padStart(4, "0");
  const slug = `scale-${num}`;
  const name = `${pick(r, PRE)} ${pick(r, MID)} ${pick(r, PRE2)} ${num} ${pick(r, SUFFIX)}`;
  const orgId = id();
  const created = Date.UTC(2023, 9, 1) + Math.floor(r() * 60) * DAY;
  t.organisations.add(orgId, name, slug, "vendor", iso(created), iso(created));
  const person = (role: string, email: string) => {
    const uid = id();
    t.users.add(uid, email, `${pick(r, FIRST)} ${pick(r, LAST)}`, iso(created), iso(created));
    t.memberships.add(id(), uid, orgId, role, iso(created), iso(created));
    return uid;
  };
  const officer = person("vendor_officer", `scale-officer@${slug}.example`);
  const contributor = person("vendor_contributor", `scale-contributor@${slug}.example`);
  const nProducts = o.products ?? 1 + Math.floor(r() * 5);
  const products = Array.from({ length: nProducts }, (_, k) => productFor(r, id(), v, k));
  for (const p of products)
    t.products.add(p.id, orgId, p.name, `{${p.platforms.join(",")}}`, p.kernelMode, JSON.stringify(p.channels), officer, iso(created), iso(created));
  const vendor: Vendor = { v, orgId, name, slug, officer, contributor, products, vault: [] };

  // How good the vendor is, and how it changes: most improve, some stay put, a few slip.
  const base = 1.5 + r() * 2.4;
  const trend = r();
  const slope = trend < 0.5 ? 0.15 + r() * 0.35 : trend < 0.85 ? (r() - 0.5) * 0.1 : -(0.1 + r() * 0.15);

  // Rollout records: a few releases per product in the latest periods, 3–8 rings each.
  const rolloutIds: string[] = [];
  for (const p of products) {
    const n = 2 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) rolloutIds.push(rollout(w, t, r, id, vendor, p, i, clamp(base + slope * w.periods, 0.4, 3.9)));
  }

  // The evidence vault: links, files (shared small blobs) and some rollout records.
  const vaultSize = 6 + Math.floor(r() * 5);
  for (let i = 0; i < vaultSize; i++) {
    const kind = w.files.length && r() < 0.4 ? "file" : r() < 0.25 && rolloutIds.length ? "rollout" : "url";
    const evidenceDate = addDays("2024-01-01", Math.floor(r() * 900));
    const at = Date.parse(`${evidenceDate}T09:00:00Z`) + DAY;
    const eid = id();
    const classification = r() < 0.4 ? "publishable" : "reviewers_only";
    const title = `${pick(r, EVIDENCE_TITLES)} (${i + 1})`;
    if (kind === "file") {
      const f = pick(r, w.files);
      const versions = r() < 0.2 ? 2 : 1;
      t.evidence.add(
        eid,
        orgId,
        f.kind,
        title,
        "",
        evidenceDate,
        r() < 0.2 ? "2027-12-31" : null,
        classification,
        null,
        f.sha256,
        f.fileName,
        versions,
        null,
        contributor,
        iso(at),
        contributor,
        iso(at + (versions - 1) * 30 * DAY),
      );
      for (let k = 1; k <= versions; k++)
        t.versions.add(id(), eid, k, k === versions ? f.sha256 : pick(r, w.files).sha256, f.fileName, contributor, iso(at + (k - 1) * 30 * DAY));
      vendor.vault.push({
        id: eid,
        title,
        kind: f.kind,
        evidenceDate,
        validUntil: null,
        classification,
        url: null,
        fileName: f.fileName,
        sha256: f.sha256,
        version: versions,
        size: f.size,
      });
    } else if (kind === "rollout") {
      const rid = rolloutIds.splice(Math.floor(r() * rolloutIds.length), 1)[0]!;
      t.evidence.add(
        eid,
        orgId,
        "rollout_record",
        title,
        "",
        evidenceDate,
        null,
        classification,
        null,
        null,
        null,
        0,
        rid,
        contributor,
        iso(at),
        contributor,
        iso(at),
      );
      vendor.vault.push({
        id: eid,
        title,
        kind: "rollout_record",
        evidenceDate,
        validUntil: null,
        classification,
        url: null,
        fileName: null,
        sha256: null,
        version: 0,
        size: null,
      });
    } else {
      const url = `https://${slug}.example/trust/${i + 1}`;
      t.evidence.add(
        eid,
        orgId,
        "url",
        title,
        "Public page on the vendor's trust centre.",
        evidenceDate,
        null,
        classification,
        url,
        null,
        null,
        0,
        null,
        officer,
        iso(at),
        officer,
        iso(at),
      );
      vendor.vault.push({
        id: eid,
        title,
        kind: "url",
        evidenceDate,
        validUntil: null,
        classification,
        url,
        fileName: null,
        sha256: null,
        version: 0,
        size: null,
      });
    }
  }

  for (const p of products) {
    const applicable = w.controls.filter((c) => isApplicable(c, p));
    // Published history.
    for (let k = 0; k < w.periods; k++) {
      const quality = clamp(base + slope * k + p.offset, 0.4, 3.9);
      const lineageId = id();
      const panelId = id();
      const one = { vendor, product: p, applicable, p: k, lineageId, panelId, r, id };
      const first = published(w, t, { ...one, quality, revision: 1, delayDays: 0 });
      if (first.result === "meets_with_conditions" && r() < 0.03) {
        const second = published(w, t, { ...one, quality: quality + 0.5, revision: 2, delayDays: 90 + Math.floor(r() * 60) });
        first.supersede(second.id, second.publishedAt);
        second.flush();
      }
      first.flush();
    }
    // Live work: the latest closed half-year in a review state, the current one as a draft.
    const quality = clamp(base + slope * w.periods + p.offset, 0.4, 3.9);
    const state = weighted(r, [
      ["submitted", 15],
      ["in_review", 30],
      ["changes_requested", 10],
      ["reconciliation", 10],
      ["decided", 15],
      ["withdrawn", 10],
      ["draft", 10],
    ] as const);
    live(w, t, r, id, vendor, p, applicable, w.periods, state, quality, submitted);
    if (r() < 0.6) live(w, t, r, id, vendor, p, applicable, w.periods + 1, "draft", quality, submitted);
  }
}

const EVENT_REASONS: Record<string, string> = {
  pause: "Crash rate in the canary ring above the baseline; paused while the sensor team looks.",
  halt: "Boot failures reported by two customers; promotion halted.",
  resume: "Root cause found in a telemetry bug, not the release; resumed.",
  rollback_started: "Rolling back to the previous content version.",
  rollback_completed: "Previous version restored on the affected ring.",
};

/** One rollout record: 3–8 rings with gates, sometimes pause/halt/rollback events, tests; analysed like an upload. */
function rollout(w: World, t: ScaleTables, r: () => number, id: () => string, vendor: Vendor, p: Product, i: number, quality: number): string {
  const rid = id();
  const channel = p.channels.length === 2 ? (r() < 0.6 ? "content" : "code") : p.channels[0]!.channel;
  const releasedMs = Date.UTC(2026, 0, 5) + Math.floor(r() * 300) * DAY + Math.floor(r() * 86_400) * 1000;
  const fleet = 10_000 + Math.floor(r() * 2_000_000);
  const nRings = 3 + Math.floor(r() * 6);
  const canary = r() < clamp(quality / 4 + 0.1, 0, 0.98);
  const shares = Array.from({ length: nRings }, (_, k) =>
    k === nRings - 1
      ? 100
      : k === 0
        ? canary
          ? 0.1 + Math.round(r() * 9) / 10
          : 5 + Math.floor(r() * 20)
        : Math.min(99, Math.round(((k + 1) / nRings) ** 2 * 100)),
  );
  for (let k = 1; k < nRings; k++) shares[k] = Math.max(shares[k]!, shares[k - 1]!);
  let at = releasedMs + 30 * 60_000;
  const open = r() < 0.1;
  const rings = shares.map((share, k) => {
    const startedAt = at;
    const bake = (canary ? 12 + Math.floor(r() * 36) : 1 + Math.floor(r() * 6)) * 3_600_000;
    at = startedAt + bake;
    const last = k === nRings - 1 || (open && k === nRings - 2);
    const threshold = 50;
    const observed = Math.round(r() * (canary ? 60 : 120) * 10) / 10;
    return {
      name: k === 0 ? (canary ? "Canary" : "Early adopters") : k === nRings - 1 ? "General availability" : `Ring ${k + 1}`,
      sharePct: share,
      devices: Math.round((fleet * share) / 100),
      startedAt: new Date(startedAt).toISOString(),
      promotedAt: last ? null : new Date(at).toISOString(),
      gate:
        r() < 0.85
          ? {
              metric: "crash_rate" as const,
              customMetric: null,
              comparator: "<" as const,
              threshold,
              observed,
              unit: "per million devices",
              baseline: Math.round(r() * 40 * 10) / 10,
              evaluatedAt: new Date(at - 60_000).toISOString(),
              passed: observed < threshold,
            }
          : null,
    };
  });
  const events: RolloutRecord["events"] = [];
  if (r() < 0.25) {
    const k = Math.floor(r() * nRings);
    const base = Date.parse(rings[k]!.startedAt) + 3_600_000;
    const seq = r() < 0.5 ? ["pause", "resume"] : ["halt", "rollback_started", "rollback_completed"];
    seq.forEach((kind, j) =>
      events.push({
        kind: kind as RolloutRecord["events"][number]["kind"],
        at: new Date(base + j * 2 * 3_600_000).toISOString(),
        reason: EVENT_REASONS[kind]!,
      }),
    );
  }
  const record = {
    releaseId: `${channel === "content" ? "CU" : "SR"}-${p.name.split(" ")[0]!.slice(0, 3).toUpperCase()}-${vendor.v + 1}-${i + 1}`,
    version: `${7 + (i % 3)}.${i}.${100 + Math.floor(r() * 900)}`,
    channel,
    kernelMode: p.kernelMode && channel === "code",
    releasedAt: new Date(releasedMs).toISOString(),
    fleetSize: fleet,
    rings,
    events,
    customerControl: { ringOptIn: r() < 0.6, nMinusOnePinning: r() < 0.5, delayHours: r() < 0.3 ? 24 * (1 + Math.floor(r() * 7)) : null },
    tests: ["developer", "fuzzing", "rollback", "stability"].filter(() => r() < 0.7).map((kind) => ({ kind, passed: r() < 0.95, evidenceUrl: null })),
    notes: null,
  } as unknown as RolloutRecord;
  const analysis = w.thresholds ? analyseRollout(record, w.thresholds) : null;
  const json = analysis ? JSON.stringify(analysis) : null;
  const createdAt = iso(at + 3_600_000);
  t.rollouts.add(
    rid,
    vendor.orgId,
    p.id,
    record.releaseId,
    record.version,
    channel,
    record.kernelMode,
    record.releasedAt,
    JSON.stringify(record),
    analysis ? w.versionId : null,
    json,
    analysis?.worstSeverity ?? null,
    pick(r, ["form", "upload", "api", "api"]),
    vendor.contributor,
    createdAt,
    open ? "open" : "closed",
    analysis ? ANALYSER_VERSION : null,
    createdAt,
  );
  if (analysis) t.analyses.add(id(), rid, ANALYSER_VERSION, w.versionId, json, analysis.worstSeverity, "created", vendor.contributor, createdAt);
  return rid;
}

type LiveState = "draft" | "submitted" | "in_review" | "changes_requested" | "reconciliation" | "decided" | "withdrawn";
const STATE_VERSION: Record<LiveState, number> = { draft: 1, submitted: 2, in_review: 3, changes_requested: 4, reconciliation: 5, decided: 6, withdrawn: 3 };

/** An attestation in a live state, with what that state implies (answers, signed snapshot, panel, scorecards, decision). */
function live(
  w: World,
  t: ScaleTables,
  r: () => number,
  id: () => string,
  vendor: Vendor,
  product: Product,
  controls: Control[],
  k: number,
  state: LiveState,
  quality: number,
  submitted: { attestationId: string; orgId: string; officer: string; at: string }[],
) {
  const period = periodOf(k);
  const attestationId = id();
  const lineageId = id();
  const createdAt = Math.min(SCALE_NOW - 30 * DAY, period.endMs - 120 * DAY + Math.floor(r() * 60) * DAY);
  const signed = state !== "draft";
  const answers: Answer[] = answersFor(r, controls, signed ? 1 : 0.2 + r() * 0.75, period.end);
  const links = linksFor(r, controls, answers, vendor.vault);
  const signedAt = Math.min(SCALE_NOW - 40 * DAY, period.endMs + (5 + Math.floor(r() * 40)) * DAY);
  const panelAt = signedAt + (2 + Math.floor(r() * 8)) * DAY;
  const later = (days: number) => Math.min(SCALE_NOW - 3_600_000, panelAt + days * DAY);
  const updatedAt =
    state === "draft"
      ? Math.min(SCALE_NOW - 3_600_000, createdAt + DAY + Math.floor(r() * 90) * DAY)
      : state === "submitted"
        ? signedAt
        : later(5 + Math.floor(r() * 20));
  const withdrawn = state === "withdrawn";
  t.attestations.add(
    attestationId,
    lineageId,
    1,
    vendor.orgId,
    product.id,
    w.versionId,
    "new",
    period.start,
    period.end,
    state,
    STATE_VERSION[state],
    withdrawn ? iso(updatedAt) : null,
    withdrawn ? vendor.officer : null,
    withdrawn ? "Vendor officer" : null,
    withdrawn ? "The product line is being merged into our main sensor; we will attest for it there." : null,
    vendor.officer,
    iso(createdAt),
    iso(updatedAt),
  );
  for (const a of answers)
    t.answers.add(
      attestationId,
      a.controlId,
      a.status,
      a.narrative,
      a.maturity,
      a.justification,
      a.targetDate,
      a.plan,
      a.version,
      r() < 0.6 ? vendor.contributor : vendor.officer,
      iso(Math.min(updatedAt, createdAt + Math.floor(r() * 40) * DAY)),
    );
  for (const [controlId, list] of links) for (const e of list) t.links.add(id(), e.id, attestationId, controlId, vendor.contributor, iso(createdAt + DAY));
  if (!signed) return;
  const signer = {
    name: "Vendor officer",
    title: pick(r, ["Head of Compliance", "Chief Information Security Officer", "VP Engineering"]),
    userId: vendor.officer,
    signedAt: iso(signedAt),
  };
  const { snapshot, digest } = signedSnapshot({
    attestation: { id: attestationId, lineageId, revision: 1, kind: "new", periodStart: period.start, periodEnd: period.end },
    organisation: { id: vendor.orgId, name: vendor.name },
    product: { id: product.id, name: product.name, platforms: product.platforms, kernelMode: product.kernelMode, channels: product.channels },
    framework: w.framework,
    signer,
    controls,
    answers,
    links,
  });
  t.submissions.add(
    attestationId,
    JSON.stringify(snapshot),
    digest,
    vendor.officer,
    signer.name,
    signer.title,
    snapshot.signature.statementVersion,
    signer.signedAt,
  );
  submitted.push({ attestationId, orgId: vendor.orgId, officer: vendor.officer, at: signer.signedAt });
  t.notifications.add(
    id(),
    vendor.officer,
    "attestation_submitted",
    "Your attestation was submitted",
    `${product.name}, ${period.start} to ${period.end}.`,
    `/attestations/${attestationId}`,
    iso(signedAt),
    r() < 0.7 ? iso(signedAt + DAY) : null,
  );
  if (state === "submitted" || (withdrawn && r() < 0.5)) return;

  // A panel: a lead reviewer, an auditor, sometimes a second reviewer.
  const panelId = id();
  const lead = pick(r, w.reviewers);
  const seated: { who: Staff; lead: boolean }[] = [
    { who: lead, lead: true },
    { who: pick(r, w.auditors), lead: false },
  ];
  const second = pick(r, w.reviewers);
  if (r() < 0.3 && second.id !== lead.id) seated.push({ who: second, lead: false });
  t.panels.add(panelId, lineageId, vendor.orgId, isoDay(panelAt + (20 + Math.floor(r() * 70)) * DAY), null, iso(panelAt));
  const scoring = state !== "in_review" && state !== "withdrawn";
  const finished = state === "reconciliation" || state === "decided";
  for (const { who, lead: isLead } of seated) {
    const declared = scoring || r() < 0.85;
    const declaredAt = panelAt + Math.floor(r() * 3) * DAY;
    t.members.add(id(), panelId, who.id, who.role, isLead, declared ? "none" : "pending", declared ? iso(declaredAt) : null, iso(panelAt));
    t.notifications.add(
      id(),
      who.id,
      "panel_assigned",
      "You have been placed on a review panel",
      "Declare any conflict of interest before you start.",
      `/review/${attestationId}`,
      iso(panelAt),
      declared ? iso(declaredAt) : null,
    );
    if (!declared || (!scoring && r() < 0.3)) continue;
    const cardId = id();
    t.scorecards.add(cardId, panelId, attestationId, who.id, finished ? iso(later(10)) : null, iso(declaredAt));
    const share = finished ? 1 : scoring ? 0.5 + r() * 0.5 : r();
    for (const c of controls) {
      if (r() >= share) continue;
      const score = Math.round(clamp(quality + c.difficulty + (r() + r() - 1) * 0.8, 0, 4));
      t.scores.add(
        id(),
        cardId,
        c.id,
        score,
        r() < 0.7 ? "Matches the evidence; the canary ring and gates are described and measured." : "",
        1 + Math.floor(r() * 3),
        iso(declaredAt + Math.floor(r() * 10) * DAY),
      );
    }
  }
  if (state !== "decided") return;
  const scoreOf = new Map(controls.map((c) => [c.controlId, Math.round(clamp(quality + c.difficulty + (r() + r() - 1) * 0.6, 0, 4))]));
  const outcome = computeOutcome(
    controls.map((c) => ({ id: c.controlId, domain: c.domainKey, domainTitle: c.domainTitle, weight: c.weight, must: c.must })),
    scoreOf,
    0,
  );
  if (!outcome.complete) return;
  const decidedAt = later(20 + Math.floor(r() * 10));
  t.decisions.add(
    id(),
    attestationId,
    panelId,
    vendor.orgId,
    outcome.result,
    outcome.overall.toFixed(2),
    "The panel's decision, co-signed; the report is being prepared.",
    JSON.stringify({ domains: outcome.domains.map((d) => ({ domain: d.domain, title: d.title, weightedMean: d.weightedMean })), reasons: outcome.reasons }),
    lead.id,
    iso(decidedAt),
    seated[1]!.who.id,
    iso(decidedAt + DAY),
  );
  t.notifications.add(
    id(),
    vendor.officer,
    "decision_cosigned",
    "The panel decided on your attestation",
    `${product.name}: ${outcome.result.replace(/_/g, " ")}.`,
    `/attestations/${attestationId}`,
    iso(decidedAt + DAY),
    null,
  );
}

type ReportInput = {
  vendor: Vendor;
  product: Product;
  applicable: Control[];
  p: number;
  lineageId: string;
  panelId: string;
  r: () => number;
  id: () => string;
  quality: number;
  revision: number;
  delayDays: number;
};

/** A published attestation of a past half-year: its panel (members, submitted scorecards), decision, conditions and report. */
function published(w: World, t: ScaleTables, a: ReportInput) {
  const { r, id, vendor } = a;
  const period = periodOf(a.p);
  const attestationId = id();
  const reportId = id();
  const decisionId = id();
  const at = (days: number) => Math.min(SCALE_NOW - DAY, period.endMs + (days + a.delayDays) * DAY);
  const signedAt = at(5 + Math.floor(r() * 15));
  const decidedAt = at(30 + Math.floor(r() * 45)) + Math.floor(r() * 8 * 3600_000);
  const cosignedAt = decidedAt + (1 + Math.floor(r() * 3)) * DAY;
  const publishedAt = Math.min(SCALE_NOW - 3600_000, cosignedAt + (1 + Math.floor(r() * 9)) * DAY);
  const lead = w.reviewers[(vendor.v + a.p) % w.reviewers.length]!;
  const auditor = w.auditors[(vendor.v + a.p) % w.auditors.length]!;

  const scoreOf = new Map(a.applicable.map((c) => [c.controlId, Math.round(clamp(a.quality + c.difficulty + (r() + r() + r() - 1.5) * 0.8, 0, 4))]));
  const outcome = computeOutcome(
    a.applicable.map((c) => ({ id: c.controlId, domain: c.domainKey, domainTitle: c.domainTitle, weight: c.weight, must: c.must })),
    scoreOf,
    0,
  );
  if (!outcome.complete) throw new Error("incomplete outcome");
  const result = outcome.result;

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
    return {
      releaseId: `${channel === "content" ? "CU" : "SR"}-${period.start.slice(0, 4)}-${String(a.p * 100 + i + 1).padStart(4, "0")}`,
      version: `${7 + a.p}.${i}.${100 + i}`,
      channel,
      canary,
      worstSeverity: findings[0]?.severity ?? null,
      findings,
    };
  });
  const content = records.filter((x) => x.channel === "content");
  const evidence = vendor.vault.slice(0, 3 + Math.floor(r() * 5)).map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    classification: e.classification as "publishable" | "reviewers_only",
    fileName: e.fileName,
    sha256: e.sha256,
    url: e.url,
    controls: [pick(r, a.applicable).controlId, pick(r, a.applicable).controlId].filter((x, j, xs) => xs.indexOf(x) === j),
  }));

  const last = a.p === w.periods - 1;
  const remediation =
    result === "meets_with_conditions"
      ? [...a.applicable]
          .sort((x, y) => scoreOf.get(x.controlId)! - scoreOf.get(y.controlId)!)
          .slice(0, 1 + Math.floor(r() * 3))
          .map((c) => ({
            id: id(),
            catalogId: c.id,
            controlId: c.controlId,
            action: `Raise ${c.title.toLowerCase()} to level 2: ${c.rubric[2] ?? ""}`,
            dueDate: isoDay(cosignedAt + (60 + Math.floor(r() * 120)) * DAY),
            status: (r() < (last ? 0.45 : 0.08) ? "open" : "closed") as "open" | "closed",
          }))
      : [];

  const full: ReportDocument = {
    format: REPORT_FORMAT,
    tier: "full",
    report: { id: reportId, revision: a.revision, attestationId, publishedAt: new Date(publishedAt).toISOString() },
    vendor: { id: vendor.orgId, name: vendor.name },
    product: { name: a.product.name, kernelMode: a.product.kernelMode, platforms: a.product.platforms },
    framework: { versionId: w.versionId, title: w.framework.title, version: w.framework.version },
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
        domain: c.domainKey,
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
      digest: hexFrom(r),
      signedAt: new Date(signedAt).toISOString(),
      signerTitle: pick(r, ["Head of Compliance", "Chief Information Security Officer", "VP Engineering"]),
    },
    vendorResponse: r() < 0.4 ? "We are extending canary rings to every content update and will report the first results next period." : null,
  };
  const fullJson = canonicalize(full);
  const observerJson = canonicalize(observerTier(full));

  t.attestations.add(
    attestationId,
    a.lineageId,
    a.revision,
    vendor.orgId,
    a.product.id,
    w.versionId,
    a.revision === 1 ? "new" : "remediation",
    period.start,
    period.end,
    "published",
    9,
    null,
    null,
    null,
    null,
    vendor.officer,
    iso(at(-20)),
    iso(publishedAt),
  );
  const panelAt = signedAt + DAY;
  if (a.revision === 1) {
    t.panels.add(a.panelId, a.lineageId, vendor.orgId, isoDay(signedAt + 30 * DAY), null, iso(panelAt));
    for (const [who, isLead] of [
      [lead, true],
      [auditor, false],
    ] as const) {
      t.members.add(id(), a.panelId, who.id, who.role, isLead, "none", iso(panelAt + DAY), iso(panelAt));
      t.notifications.add(
        id(),
        who.id,
        "panel_assigned",
        "You have been placed on a review panel",
        "Declare any conflict of interest before you start.",
        `/review/${attestationId}`,
        iso(panelAt),
        iso(panelAt + DAY),
      );
    }
  }
  // Both panel members' submitted scorecards: the consensus score, give or take one.
  for (const who of [lead, auditor]) {
    const cardId = id();
    t.scorecards.add(cardId, a.panelId, attestationId, who.id, iso(decidedAt - DAY), iso(panelAt + DAY));
    for (const c of a.applicable) {
      const s = scoreOf.get(c.controlId)!;
      const x = r();
      t.scores.add(
        id(),
        cardId,
        c.id,
        clamp(s + (x < 0.15 ? -1 : x > 0.85 ? 1 : 0), 0, 4),
        x < 0.3 ? "See the rollout records and the ring topology export." : "",
        1,
        iso(decidedAt - 2 * DAY),
      );
    }
  }
  t.notifications.add(
    id(),
    vendor.officer,
    "report_published",
    "Your report was published",
    `${a.product.name}, ${period.start} to ${period.end}.`,
    `/reports/${reportId}`,
    iso(publishedAt),
    r() < 0.9 ? iso(publishedAt + DAY) : null,
  );
  const decisionOutcome = JSON.stringify({
    domains: outcome.domains.map((d) => ({ domain: d.domain, title: d.title, weightedMean: d.weightedMean })),
    reasons: outcome.reasons,
  });
  for (const x of remediation)
    t.remediation.add(
      x.id,
      decisionId,
      vendor.orgId,
      x.catalogId,
      x.action,
      x.dueDate,
      x.status,
      x.status === "closed" ? iso(Date.parse(x.dueDate) - 10 * DAY) : null,
      iso(decidedAt),
    );

  let supersededBy: string | null = null;
  let supersededAt: string | null = null;
  return {
    id: reportId,
    result,
    publishedAt: new Date(publishedAt).toISOString(),
    supersede(next: string, when: string) {
      supersededBy = next;
      supersededAt = when;
    },
    /** Rows are added once the successor (if any) is known; the successor's rows come first, which the self-reference needs. */
    flush() {
      t.decisions.add(
        decisionId,
        attestationId,
        a.panelId,
        vendor.orgId,
        result,
        outcome.overall.toFixed(2),
        full.outcome.summary,
        decisionOutcome,
        lead.id,
        iso(decidedAt),
        auditor.id,
        iso(cosignedAt),
      );
      t.reports.add(
        reportId,
        attestationId,
        a.lineageId,
        a.revision,
        vendor.orgId,
        vendor.name,
        a.product.id,
        a.product.name,
        w.versionId,
        w.label,
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
        lead.id,
        full.report.publishedAt,
        supersededBy,
        supersededAt,
      );
      full.controls.forEach((c, i) => t.reportScores.add(reportId, i + 1, c.controlId, c.title, c.domain, c.weight, c.must, c.score));
    },
  };
}
