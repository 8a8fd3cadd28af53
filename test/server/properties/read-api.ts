// Downloads with query parameters over real HTTP, signed in by session cookie: catalog
// versions, one report, the dashboard's report list, and the panel's evidence files; plus the
// public documents. Each expects the documented answer for the caller and the parameters.
import fc from "fast-check";
import { draftFrameworkDocumentSchema } from "@/lib/catalog/draft-schema";
import { isWellFormedHost, isWellFormedOrigin } from "@/lib/http/request-checks";
import { hostileString } from "@/test/helpers/hostile";
import { isRealDay } from "@/test/helpers/shape";
import { expectSafe, expectStatus, send } from "../helpers/answers";
import type { World } from "../helpers/world";
import { count, pct, runProperty, segment, sometimes, type Tally } from "./run";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const junkIds = ["x", "1", "' OR '1'='1", "00000000-0000-0000-0000-000000000000", "%00", "a".repeat(2000), "6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f'"];
const formatOf = (query: string, fallback: string) => new URLSearchParams(query).get("format") ?? fallback;
const cookieFor = (world: World, who: string): Record<string, string> => (who === "anonymous" ? {} : { cookie: world.sessions[who]! });

/** A query parameter: absent, one of the good values, or something else. */
const param = (name: string, good: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant("") },
    { weight: 6, arbitrary: good.map((v) => `&${name}=${pct(v)}`) },
    { weight: 1, arbitrary: hostileString.map((v) => `&${name}=${pct(v.slice(0, 500))}`) },
  );

export async function catalogExportProperty(world: World, officerVisible: string[]): Promise<Tally> {
  const arb = fc.record({
    who: fc.constantFrom("officer@aegis.example", "admin@ringfence.example", "observer@ncra.example", "anonymous"),
    id: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...world.catalogVersions) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...junkIds) },
    ),
    format: param("format", fc.constantFrom("json", "oscal", "JSON", "xml", "", "oscal ")),
  });
  return runProperty("GET /api/catalog/versions/{id}/export", arb, async (c, t) => {
    const query = c.format.slice(1);
    const target = `/api/catalog/versions/${segment(c.id)}/export${query ? `?${query}` : ""}`;
    const what = `GET ${target} as ${c.who}`;
    const a = await send(world.origin, target, { headers: cookieFor(world, c.who) });
    count(t, a);
    expectSafe(a, what);
    if (c.who === "anonymous") return expectStatus(a, what, 401);
    const format = formatOf(query, "json");
    if (format !== "json" && format !== "oscal") return expectStatus(a, what, 400);
    const visible = c.who === "admin@ringfence.example" ? world.catalogVersions : officerVisible;
    expectStatus(a, what, visible.includes(c.id) ? 200 : 404);
    if (a.status !== 200) return;
    t.accepted++;
    const doc = a.json() as Record<string, unknown>;
    if (format === "json" && !draftFrameworkDocumentSchema.safeParse(doc).success) throw new Error(`${what}: the export is not a framework document`);
    if (format === "oscal" && typeof doc.catalog !== "object") throw new Error(`${what}: not an OSCAL catalog`);
    t.verified++;
  });
}

const REPORT_TYPES: Record<string, RegExp> = {
  pdf: /^application\/pdf/,
  csv: /^text\/csv/,
  json: /^application\/json/,
  "oscal-ar": /^application\/json/,
  "oscal-poam": /^application\/json/,
};

export async function reportExportProperty(world: World): Promise<Tally> {
  const arb = fc.record({
    who: fc.constantFrom("observer@ncra.example", "admin@ringfence.example", "reviewer@contoso.example", "anonymous"),
    id: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...world.reports) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...junkIds) },
    ),
    // PDFs cost a render each: fewer of them.
    format: fc.oneof(
      { weight: 1, arbitrary: fc.constant("&format=pdf") },
      { weight: 9, arbitrary: param("format", fc.constantFrom("csv", "json", "oscal-ar", "oscal-poam", "CSV", "oscal", "pdf ")) },
    ),
  });
  return runProperty("GET /api/reports/{id}/export", arb, async (c, t) => {
    const query = c.format.slice(1);
    const target = `/api/reports/${segment(c.id)}/export${query ? `?${query}` : ""}`;
    const what = `GET ${target} as ${c.who}`;
    const a = await send(world.origin, target, { headers: cookieFor(world, c.who) });
    count(t, a);
    expectSafe(a, what);
    if (c.who === "anonymous") return expectStatus(a, what, 401);
    const format = formatOf(query, "pdf");
    if (!Object.hasOwn(REPORT_TYPES, format)) return expectStatus(a, what, 400);
    expectStatus(a, what, world.reports.includes(c.id) ? 200 : 404);
    if (a.status !== 200) return;
    t.accepted++;
    const digest = a.headers.get("ringfence-report-digest") ?? "";
    if (!REPORT_TYPES[format]!.test(a.headers.get("content-type") ?? "") || !/^[0-9a-f]{64}$/.test(digest))
      throw new Error(`${what}: type ${a.headers.get("content-type")}, digest ${digest}`);
    if (format === "json" && !a.text.includes(digest)) throw new Error(`${what}: the JSON does not name the edition's digest`);
    if (format === "pdf" && a.body.subarray(0, 5).toString() !== "%PDF-") throw new Error(`${what}: not a PDF`);
    t.verified++;
  });
}

const RESULTS = ["meets", "meets_with_conditions", "does_not_meet"];

export async function reportListProperty(world: World, frameworks: string[], vendors: string[]): Promise<Tally> {
  const arb = fc.record({
    who: fc.constantFrom("observer@ncra.example", "admin@ringfence.example", "reviewer@contoso.example", "officer@aegis.example", "anonymous"),
    format: fc.oneof(
      { weight: 1, arbitrary: fc.constant("&format=pdf") },
      { weight: 9, arbitrary: param("format", fc.constantFrom("csv", "json", "CSV", "xlsx")) },
    ),
    framework: param("framework", fc.oneof(fc.constantFrom(...frameworks), fc.uuid())),
    period: param("period", fc.constantFrom("all", "2024-07-01_2024-12-31", "2025-01-01_2025-06-30", "2025-01-01", "2025-13-01_2025-14-01")),
    result: param("result", fc.constantFrom(...RESULTS, "MEETS", "passed")),
    vendor: param("vendor", fc.oneof(fc.constantFrom(...vendors), fc.uuid())),
    page: param("page", fc.constantFrom("1", "2", "0", "x")),
  });
  return runProperty("GET /api/reports/export", arb, async (c, t) => {
    const query = `${c.format}${c.framework}${c.period}${c.result}${c.vendor}${c.page}`.slice(1);
    const target = `/api/reports/export${query ? `?${query}` : ""}`;
    const what = `GET ${target} as ${c.who}`;
    const a = await send(world.origin, target, { headers: cookieFor(world, c.who) });
    count(t, a);
    expectSafe(a, what);
    if (c.who === "anonymous") return expectStatus(a, what, 401);
    if (c.who === "officer@aegis.example") return expectStatus(a, what, 404, "vendors do not read the dashboard");
    const q = new URLSearchParams(query);
    const format = q.get("format") ?? "csv";
    if (!["csv", "json", "pdf"].includes(format)) return expectStatus(a, what, 400);
    // The documented filters: a framework version with reports, a period (or "all"), an outcome, a vendor.
    const fw = q.get("framework");
    const period = q.get("period");
    const result = q.get("result");
    const vendor = q.get("vendor");
    const realPeriod = (p: string) => /^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}$/.test(p) && p.split("_").every(isRealDay);
    const malformed =
      (fw !== null && !UUID.test(fw)) ||
      (period !== null && period !== "all" && !realPeriod(period)) ||
      (result !== null && !RESULTS.includes(result)) ||
      (vendor !== null && !UUID.test(vendor));
    if (malformed) return expectStatus(a, what, 400, "a malformed filter");
    if (fw !== null && !frameworks.includes(fw)) return expectStatus(a, what, 404, "no reports for that framework version");
    expectStatus(a, what, 200);
    t.accepted++;
    if (format === "json") {
      const doc = a.json() as { source?: { filters?: string }; rows?: Record<string, unknown>[] };
      const filters = new URLSearchParams(doc.source?.filters ?? "");
      if ((result !== null && filters.get("result") !== result) || (vendor !== null && filters.get("vendor") !== vendor))
        throw new Error(`${what}: the export does not name the filters it applied: ${doc.source?.filters}`);
    } else if (format === "pdf" && a.body.subarray(0, 5).toString() !== "%PDF-") throw new Error(`${what}: not a PDF`);
    t.verified++;
  });
}

export async function reviewFileProperty(world: World): Promise<Tally> {
  const valid = world.reviewFiles;
  const arb = fc.record({
    who: fc.constantFrom(
      "reviewer@contoso.example",
      "reviewer@contoso.example",
      "reviewer@contoso.example",
      "observer@ncra.example",
      "officer@aegis.example",
      "anonymous",
    ),
    pick: fc.nat(),
    change: fc.constantFrom("none", "none", "none", "attestation", "evidence", "version", "junk"),
    version: fc.constantFrom("0", "2", "99", "-1", "1.0", "", "x", "01", "999999999", "9999999999"),
    junk: fc.constantFrom(...junkIds),
    inline: fc.constantFrom("", "&inline=1", "&inline=0", "&inline=true"),
  });
  return runProperty("GET /api/review/{attestation}/evidence/{item}", arb, async (c, t) => {
    const base = valid.length ? valid[c.pick % valid.length]! : `/api/review/${crypto.randomUUID()}/evidence/${crypto.randomUUID()}?version=1`;
    const m = /^\/api\/review\/([^/]+)\/evidence\/([^?]+)\?version=(.*)$/.exec(base)!;
    let [att, ev, version] = [m[1]!, m[2]!, m[3]!];
    if (c.change === "attestation") att = crypto.randomUUID();
    if (c.change === "evidence") ev = crypto.randomUUID();
    if (c.change === "version") version = c.version;
    if (c.change === "junk") ev = c.junk;
    const target = `/api/review/${segment(att)}/evidence/${segment(ev)}?version=${pct(version)}${c.inline}`;
    const what = `GET ${target} as ${c.who}`;
    const a = await send(world.origin, target, { headers: cookieFor(world, c.who) });
    count(t, a);
    const allowed = c.who === "reviewer@contoso.example" && valid.includes(`/api/review/${att}/evidence/${ev}?version=${version}`);
    expectSafe(a, what, { api: true, download: a.status === 200 });
    if (c.who === "anonymous") return expectStatus(a, what, 401);
    expectStatus(a, what, allowed ? 200 : 404);
    if (!allowed) return;
    t.accepted++;
    if (!/^[0-9a-f]{64}$/.test(a.headers.get("x-evidence-sha256") ?? "") || !/^(inline|attachment)/.test(a.headers.get("content-disposition") ?? ""))
      throw new Error(`${what}: headers`);
    t.verified++;
  });
}

const PUBLIC = [
  "/api/health",
  "/api/catalog/schema.json",
  "/api/v1/openapi.json",
  "/api/v1/rollouts/schema.json",
  "/api/v1/rollouts/template.csv",
  "/api/log/checkpoint",
  "/api/log/key",
  "/api/auth/csrf",
  "/api/auth/session",
  "/api/auth/providers",
];

export async function publicProperty(world: World): Promise<Tally> {
  const arb = fc.record({
    path: fc.constantFrom(...PUBLIC),
    query: sometimes(
      fc.dictionary(
        hostileString.map((k) => k.slice(0, 200)),
        hostileString.map((v) => v.slice(0, 500)),
        { maxKeys: 3 },
      ),
      2,
    ),
    headers: fc.dictionary(
      fc.constantFrom(
        "cookie",
        "authorization",
        "accept",
        "accept-language",
        "x-forwarded-for",
        "x-forwarded-host",
        "if-none-match",
        "range",
        "origin",
        "referer",
      ),
      fc.oneof(
        fc.constantFrom(
          "authjs.session-token=garbage",
          "__Secure-authjs.session-token=x; authjs.csrf-token=y",
          "Bearer rf_nope",
          "bytes=0-1,5-",
          "*/*;q=abc",
          "::1, 10.0.0.1",
          "evil.example",
          "http://[",
          "null",
        ),
        fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
      ),
      { maxKeys: 3 },
    ),
  });
  return runProperty("GET public endpoints", arb, async (c, t) => {
    const query = c.query ? `?${new URLSearchParams(c.query)}` : "";
    const target = `${c.path}${query}`;
    const what = `GET ${target} ${JSON.stringify(c.headers)}`;
    const a = await send(world.origin, target, { headers: c.headers });
    count(t, a);
    // A malformed Origin or X-Forwarded-Host is refused before any route (issue 12); Auth.js answers its own endpoints.
    const forwarded = c.headers["x-forwarded-host"]?.split(",")[0]?.trim();
    const badOrigin = (c.headers.origin !== undefined && !isWellFormedOrigin(c.headers.origin)) || (forwarded !== undefined && !isWellFormedHost(forwarded));
    expectSafe(a, what, { api: badOrigin || !c.path.startsWith("/api/auth/") });
    if (badOrigin) return expectStatus(a, what, 400, "malformed Origin or X-Forwarded-Host");
    expectStatus(a, what, c.headers.range && !c.path.startsWith("/api/auth/") ? [200, 206, 416] : [200, 304]);
    t.accepted++;
  });
}

const ROUTES = [
  "/api/v1/rollouts/{x}",
  "/api/v1/rollouts/{x}/events",
  "/api/evidence/{x}/download",
  "/api/evidence/{x}/versions",
  "/api/catalog/versions/{x}/export",
  "/api/reports/{x}/export",
  "/api/review/{x}/evidence/{x}",
  "/api/health",
  "/vendor/{x}",
  "/{x}",
];
const MALFORMED = ["%", "%zz", "%C0%AF", "%ED%A0%80", "%E0%A4%A", "%00", "a%00b", "%FF%FE", "%%32%35", "..%2F..%2Fetc%2Fpasswd", "%2e%2e"];

/** Malformed and overlong addresses on every kind of route: answered before any route, with the security headers, never a 5xx. */
export async function addressProperty(world: World): Promise<Tally> {
  const arb = fc.record({
    route: fc.constantFrom(...ROUTES),
    method: fc.constantFrom("GET", "GET", "POST"),
    part: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...MALFORMED) },
      { weight: 1, arbitrary: fc.integer({ min: 8_300, max: 15_000 }).map((n) => "y".repeat(n)) },
      { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 60_000 }).map((n) => `ok?q=${"z".repeat(n)}`) },
    ),
    who: fc.constantFrom("anonymous", "officer@aegis.example"),
    // Auth.js builds each request's URL from these: a malformed one must not reach it (it answered 500).
    hostHeaders: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Record<string, string>>({}) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom("host", "x-forwarded-host")
          .chain((name) => fc.constantFrom("a b", "x'y", "[", "127.0.0.1:99999", "127.0.0.1:3481%").map((v) => ({ [name]: v }))),
      },
      { weight: 1, arbitrary: fc.constantFrom("http'", "a b", "1http").map((v) => ({ "x-forwarded-proto": v })) },
    ),
  });
  return runProperty("malformed and overlong addresses", arb, async (c, t) => {
    const target = c.route.replaceAll("{x}", c.part);
    const what = `${c.method} ${target.slice(0, 200)}… (${target.length} bytes) as ${c.who} ${JSON.stringify(c.hostHeaders)}`;
    const a = await send(world.origin, target, {
      method: c.method,
      headers: { ...cookieFor(world, c.who), ...c.hostHeaders, ...(c.method === "POST" ? { "content-type": "application/json" } : {}) },
      body: c.method === "POST" ? "{}" : undefined,
    });
    count(t, a);
    expectSafe(a, what, { api: false });
    const long = target.length > 8 * 1024;
    const malformed = (() => {
      try {
        return decodeURIComponent(target.split("?")[0]!).includes("\0");
      } catch {
        return true;
      }
    })();
    if (long) return expectStatus(a, what, [414, 431], "address too long");
    if (malformed || Object.keys(c.hostHeaders).length) return expectStatus(a, what, 400, "malformed address or Host");
    // Well-formed but odd (dot segments): whatever the route says, but no 5xx (checked above).
    t.accepted++;
  });
}
