// Evidence uploads, new versions and downloads over real HTTP (session cookie). The expected
// answer follows the documented order of checks (same origin, session, permission, query
// string, length, the item, the bytes); every stored file is downloaded again and compared.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { sanitizeFileName } from "@/lib/evidence/file-name";
import { sniffContentType } from "@/lib/evidence/sniff";
import { uploadMetaSchema, versionUploadSchema } from "@/lib/validations/vendor";
import { hostileString, printable } from "@/test/helpers/hostile";
import { nearValid } from "@/test/helpers/mutate";
import { VENDOR_SPECS } from "@/test/unit/schemas/vendor-specs";
import { expectSafe, expectStatus, send, type Answer } from "../helpers/answers";
import { VENDORS, type Org, type StoredItem, type World } from "../helpers/world";
import { count, pct, runProperty, segment, type Tally } from "./run";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Who calls: the item's organisation (officer or contributor), another vendor, a reviewer, nobody. */
const callers = fc.constantFrom("officer", "officer", "officer", "officer", "contributor", "reviewer", "anonymous");
/** Same-origin requests, script clients (no headers), and other sites' or malformed origins. */
const origins = fc.oneof(
  { weight: 10, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 4, arbitrary: fc.constant("same").map(() => ({ "sec-fetch-site": "same-origin" }) as Record<string, string>) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://[" },
      { origin: "::::" },
      { origin: "http://127.0.0.1:1" },
    ),
  },
);

type Body = { kind: string; bytes: Uint8Array; name: string };
const bodies: fc.Arbitrary<Body> = fc.oneof(
  { weight: 8, arbitrary: printable(1, 200).map((s) => ({ kind: "text", bytes: Buffer.from(`${s}\n`), name: "notes.txt" })) },
  { weight: 2, arbitrary: fc.nat().map((n) => ({ kind: "csv", bytes: Buffer.from(`ring,share\ncanary,${n % 100}\n`), name: "rings.csv" })) },
  {
    weight: 2,
    arbitrary: fc.nat().map((n) => ({ kind: "pdf", bytes: Buffer.from(`%PDF-1.7\n% ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`), name: "report.pdf" })),
  },
  {
    weight: 1,
    arbitrary: fc.nat().map((n) => ({
      kind: "png",
      bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR${n}`)]),
      name: "chart.png",
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("MZ\x90\x00\x03", "<!doctype html><script>alert(1)</script>", "\x7fELF\x02\x01", "PK\x03\x04broken", "#!/bin/sh\nrm -rf /\n")
      .map((s) => ({ kind: "refused", bytes: Buffer.from(s, "latin1"), name: "x.txt" })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ kind: "random", bytes: b, name: "blob.bin" })) },
  { weight: 1, arbitrary: fc.constant({ kind: "empty", bytes: new Uint8Array(0), name: "empty.txt" }) },
);

/**
 * The upload's query string from (possibly broken) metadata: repeated keys for arrays, as a browser
 * would. Long values are cut until the address fits 8 KiB: longer addresses are refused before any
 * route (the addresses property covers them).
 */
export function queryOf(meta: unknown): string {
  if (typeof meta !== "object" || meta === null) return "";
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(meta)) {
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v])
      pairs.push([k, typeof x === "object" ? (JSON.stringify(x, (_k, y: unknown) => (typeof y === "bigint" ? String(y) : y)) ?? "") : String(x)]);
  }
  for (;;) {
    const q = new URLSearchParams(pairs).toString();
    if (q.length <= 7_000) return q;
    // Halve the longest name or value; names count too (a mutation may add a huge key).
    let [at, side] = [0, 1];
    pairs.forEach((p, i) => [0, 1].forEach((j) => void (p[j]!.length > pairs[at]![side]!.length && ([at, side] = [i, j]))));
    pairs[at]![side] = pairs[at]![side]!.slice(0, Math.floor(pairs[at]![side]!.length / 2));
  }
}

function cookieOf(world: World, org: Org, caller: string): string | null {
  if (caller === "anonymous") return null;
  if (caller === "reviewer") return world.sessions["reviewer@contoso.example"]!;
  if (caller === "contributor" && org === "aegis") return world.sessions["contributor@aegis.example"]!;
  return world.sessions[VENDORS[org]]!;
}

/** A malformed Origin: 400 (issue 12), or 403 as another site where that check is not yet in place. */
const MALFORMED_ORIGIN = -1;

/** The answer to an upload-like request before the route looks at the item or the bytes, or null when it gets that far. */
function guardStatus(
  origin: Record<string, string>,
  caller: string,
  query: string,
  schema: { safeParse: (v: unknown) => { success: boolean } },
  body: Body,
): number | null {
  const site = origin["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return 403;
  if (origin.origin !== undefined) {
    let host = "";
    try {
      host = new URL(origin.origin).host;
    } catch {
      return MALFORMED_ORIGIN;
    }
    if (!host.startsWith("127.0.0.1:") || origin.origin === "http://127.0.0.1:1") return 403;
  }
  if (caller === "anonymous") return 401;
  if (caller === "reviewer") return 404;
  if (!schema.safeParse(Object.fromEntries(new URLSearchParams(query))).success) return 400;
  if (body.bytes.byteLength === 0) return 400;
  return null;
}

async function downloads(world: World, cookie: string, id: string, version: number | null, expected: string, t: Tally): Promise<void> {
  const target = `/api/evidence/${id}/download${version === null ? "" : `?version=${version}`}`;
  const a = await send(world.origin, target, { headers: { cookie } });
  expectSafe(a, `GET ${target}`, { api: true, download: true });
  expectStatus(a, `GET ${target}`, 200);
  if (sha(a.body) !== expected) throw new Error(`GET ${target}: the stored file differs from the one sent`);
  t.verified++;
}

const metaArb = fc.record(
  {
    title: fc.oneof(printable(2, 60), fc.constantFrom("Release test report", "Prüfbericht")),
    description: printable(0, 80),
    kind: fc.constantFrom("document", "test_report", "telemetry_export", "third_party_assessment", "attestation_letter"),
    evidenceDate: fc.constantFrom("2026-01-15", "2025-12-31"),
    validUntil: fc.constantFrom("2026-06-30", "2027-01-01"),
    classification: fc.constantFrom("reviewers_only", "publishable"),
    fileName: fc.constantFrom("report.pdf", "notes.txt", "rings.csv", "chart.png", "data.json", "README"),
  },
  { requiredKeys: ["title", "kind", "fileName"] },
);

export async function uploadProperty(world: World): Promise<Tally> {
  const seen = new Map<string, string>();
  const arb = fc.record({
    org: fc.constantFrom<Org>("aegis", "bastion", "cobalt"),
    caller: callers,
    origin: origins,
    meta: fc.oneof(
      { weight: 3, arbitrary: metaArb },
      { weight: 2, arbitrary: nearValid(metaArb) },
      { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }) },
    ),
    body: bodies,
    matchName: fc.boolean(),
  });
  return runProperty("POST /api/evidence/upload", arb, async (c, t) => {
    // Often the file name fits the bytes, so uploads get past the type check.
    const meta = c.matchName && typeof c.meta === "object" && c.meta !== null ? { ...c.meta, fileName: c.body.name } : c.meta;
    const query = queryOf(meta);
    const cookie = cookieOf(world, c.org, c.caller);
    const target = `/api/evidence/upload?${query}`;
    const what = `POST ${target.slice(0, 300)} (${c.caller} of ${c.org}, ${c.body.kind}, ${JSON.stringify(c.origin)})`;
    const a = await send(world.origin, target, {
      method: "POST",
      headers: { ...c.origin, ...(cookie ? { cookie } : {}), "content-type": "application/octet-stream" },
      body: c.body.bytes,
    });
    count(t, a);
    expectSafe(a, what);
    if (a.status === 429) return;
    const guard = guardStatus(c.origin, c.caller, query, uploadMetaSchema, c.body);
    if (guard !== null) return expectStatus(a, what, guard === MALFORMED_ORIGIN ? [400, 403] : guard);
    const parsed = uploadMetaSchema.parse(Object.fromEntries(new URLSearchParams(query)));
    const sniff = sniffContentType(c.body.bytes.subarray(0, 4096), sanitizeFileName(parsed.fileName));
    if (!sniff.ok) return expectStatus(a, what, 415);
    if (sniff.container === "zip") return expectStatus(a, what, [415, 422]);
    const hash = sha(c.body.bytes);
    const existing = seen.get(`${c.org}:${hash}`);
    expectStatus(a, what, [201, 200]);
    t.accepted++;
    const r = a.json() as { existing: boolean; id: string; sha256: string };
    // Content the organisation already holds is answered with the item holding it (which one, when several do, is the server's choice).
    if (r.sha256 !== hash || (existing !== undefined && !r.existing)) throw new Error(`${what}: ${a.text}`);
    VENDOR_SPECS["lib/validations/vendor.ts#uploadMetaSchema"]!.shape.check(parsed, Object.fromEntries(new URLSearchParams(query)), "query");
    if (!r.existing) seen.set(`${c.org}:${hash}`, r.id);
    await downloads(world, cookie!, r.id, null, hash, t);
  });
}

export async function versionProperty(world: World): Promise<Tally> {
  const items = world.versionItems.map((i) => ({ ...i }));
  const arb = fc.record({
    target: fc.constantFrom("own", "own", "own", "own", "foreign", "random", "bad"),
    pick: fc.nat(),
    caller: callers,
    origin: origins,
    fileName: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | undefined>(undefined) },
      { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 1200)) },
      { weight: 1, arbitrary: fc.constantFrom("", " ", "a/b.txt", "..", "x".repeat(1001)) },
    ),
    body: bodies,
  });
  return runProperty("POST /api/evidence/{id}/versions", arb, async (c, t) => {
    const item = items[c.pick % items.length]!;
    const org: Org = c.target === "foreign" ? (item.org === "aegis" ? "bastion" : "aegis") : item.org;
    const id = c.target === "random" ? crypto.randomUUID() : c.target === "bad" ? ["x", "1", "' OR 1=1 --"][c.pick % 3]! : item.id;
    const fileName = c.fileName ?? c.body.name;
    const query = new URLSearchParams({ fileName }).toString();
    const cookie = cookieOf(world, org, c.caller);
    const target = `/api/evidence/${segment(id)}/versions?${query}`;
    const what = `POST ${target.slice(0, 300)} (${c.caller} of ${org}, ${c.body.kind}, ${JSON.stringify(c.origin)})`;
    const a = await send(world.origin, target, {
      method: "POST",
      headers: { ...c.origin, ...(cookie ? { cookie } : {}), "content-type": "application/octet-stream" },
      body: c.body.bytes,
    });
    count(t, a);
    expectSafe(a, what);
    if (a.status === 429) return;
    const guard = guardStatus(c.origin, c.caller, query, versionUploadSchema, c.body);
    if (guard !== null) return expectStatus(a, what, guard === MALFORMED_ORIGIN ? [400, 403] : guard);
    const own = items.find((i) => i.id === id && i.org === org);
    if (!own) return expectStatus(a, what, 404);
    const sniff = sniffContentType(c.body.bytes.subarray(0, 4096), sanitizeFileName(fileName));
    if (!sniff.ok) return expectStatus(a, what, 415);
    if (sniff.container === "zip") return expectStatus(a, what, [415, 422]);
    const hash = sha(c.body.bytes);
    if (hash === own.sha256) return expectStatus(a, what, 409, "the same file again");
    expectStatus(a, what, 201);
    t.accepted++;
    const r = a.json() as { version: number; sha256: string };
    if (r.version !== own.versions + 1 || r.sha256 !== hash) throw new Error(`${what}: ${a.text}`);
    own.versions = r.version;
    own.sha256 = hash;
    await downloads(world, cookie!, own.id, r.version, hash, t);
    await downloads(world, cookie!, own.id, null, hash, t);
  });
}

export async function downloadProperty(world: World): Promise<Tally> {
  const items: StoredItem[] = world.readItems;
  const arb = fc.record({
    target: fc.constantFrom("own", "own", "own", "foreign", "random", "bad"),
    pick: fc.nat(),
    caller: callers,
    version: fc.oneof(
      { weight: 3, arbitrary: fc.constant<string | null>(null) },
      { weight: 3, arbitrary: fc.constant("1") },
      { weight: 2, arbitrary: fc.constantFrom("2", "0", "01", "-1", "1.0", "1e0", "", " 1", "9999999999", "999999999", "x", "1&version=2", "%31") },
    ),
  });
  return runProperty("GET /api/evidence/{id}/download", arb, async (c, t) => {
    const item = items[c.pick % items.length]!;
    const org: Org = c.target === "foreign" ? (item.org === "aegis" ? "bastion" : "aegis") : item.org;
    const id = c.target === "random" ? crypto.randomUUID() : c.target === "bad" ? ["x", "' OR 1=1 --", "1"][c.pick % 3]! : item.id;
    const cookie = cookieOf(world, org, c.caller);
    // Two are written raw on purpose: a repeated parameter and a percent-encoded digit.
    const query = c.version === null ? "" : `version=${["1&version=2", "%31"].includes(c.version) ? c.version : pct(c.version)}`;
    const target = `/api/evidence/${segment(id)}/download${query ? `?${query}` : ""}`;
    const what = `GET ${target} (${c.caller} of ${org})`;
    const a = await send(world.origin, target, { headers: cookie ? { cookie } : {} });
    count(t, a);
    const ok = a.status === 200;
    expectSafe(a, what, { api: true, download: ok });
    if (c.caller === "anonymous") return expectStatus(a, what, 401);
    if (c.caller === "reviewer") return expectStatus(a, what, 404);
    const version = new URLSearchParams(query).get("version");
    if (version !== null && !/^[1-9]\d{0,8}$/.test(version)) return expectStatus(a, what, 400);
    const own = items.find((i) => i.id === id && i.org === org);
    expectStatus(a, what, own && (version === null || version === "1") ? 200 : 404);
    if (!ok) return;
    t.accepted++;
    if (sha(a.body) !== own!.sha256) throw new Error(`${what}: not the stored file`);
    t.verified++;
  });
}

export type { Answer };
