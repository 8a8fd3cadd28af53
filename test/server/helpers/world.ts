// What the API property tests need to know about the seeded portal, found over HTTP the way
// a person would (pages and the API), never by reading the server's database.
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { send } from "./answers";
import { createToken, signInAll, TokenPool, type Sessions } from "./clients";

export const VENDORS = { aegis: "officer@aegis.example", bastion: "officer@bastion.example", cobalt: "officer@cobalt.example" } as const;
export type Org = keyof typeof VENDORS;
export const ORGS = Object.keys(VENDORS) as Org[];
const OTHERS = ["contributor@aegis.example", "reviewer@contoso.example", "auditor@ncra.example", "observer@ncra.example", "admin@ringfence.example"];

export type StoredItem = { id: string; org: Org; sha256: string; versions: number };

export type World = {
  origin: string;
  sessions: Sessions;
  products: Record<Org, string[]>;
  /** Rollout records created at setup, by organisation, with what the API answered. */
  records: { id: string; org: Org; state: "open" | "closed"; body: Record<string, unknown> }[];
  /** File evidence uploaded at setup: some for new versions, some only read. */
  versionItems: StoredItem[];
  readItems: StoredItem[];
  reports: string[];
  catalogVersions: string[];
  /** `/api/review/{attestation}/evidence/{item}?version=N` paths the demo reviewer may open. */
  reviewFiles: string[];
  pools: Record<"create" | "dryRun" | "events" | "list" | "get" | "setup", TokenPool>;
};

const uuids = (html: string, pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((m) => m[1]!))];

async function page(origin: string, cookie: string, path: string): Promise<string> {
  const a = await send(origin, path, { headers: { cookie } });
  if (a.status !== 200) throw new Error(`${path} answered ${a.status}`);
  return a.text;
}

/** Uploads a small text file as `org`'s officer; returns the stored item. */
export async function uploadText(origin: string, cookie: string, org: Org, content: string, title = "Property test log"): Promise<StoredItem> {
  const q = new URLSearchParams({ title, kind: "document", fileName: "property.log" });
  const a = await send(origin, `/api/evidence/upload?${q}`, { method: "POST", headers: { cookie, "content-type": "text/plain" }, body: content });
  if (a.status !== 201) throw new Error(`setup upload answered ${a.status}: ${a.text}`);
  const r = a.json() as { id: string; sha256: string };
  return { id: r.id, org, sha256: r.sha256, versions: 1 };
}

/** Signs everyone in, makes `tokensPerOrg` API tokens per vendor, and records what exists. */
export async function buildWorld(origin: string, tokensPerOrg: number): Promise<World> {
  const sessions = await signInAll(origin, [...Object.values(VENDORS), ...OTHERS]);
  const tokens: { token: string; org: Org }[] = [];
  for (const org of ORGS)
    for (let i = 0; i < tokensPerOrg; i++) tokens.push({ token: await createToken(origin, sessions[VENDORS[org]]!, `property ${org} ${i}`), org });
  // Each endpoint its own share of tokens from every organisation, so no property starves another.
  const share = (k: number, n: number) => new TokenPool(tokens.filter((_, i) => i % n === k));
  const names = ["create", "dryRun", "events", "list", "get", "setup"] as const;
  const pools = Object.fromEntries(names.map((name, k) => [name, name === "setup" ? new TokenPool(tokens) : share(k, names.length - 1)])) as World["pools"];

  const products = {} as Record<Org, string[]>;
  for (const org of ORGS) products[org] = uuids(await page(origin, sessions[VENDORS[org]]!, "/vendor/products"), /href="\/vendor\/products\/([0-9a-f-]{36})"/g);

  const records: World["records"] = [];
  for (const org of ["aegis", "bastion"] as const) {
    for (let i = 0; i < 8; i++) {
      const state = i < 6 ? "open" : "closed";
      const { token } = await pools.setup.take(org);
      const record = { ...referenceModelContent, releaseId: `property-setup-${org}-${i}`, rings: referenceModelContent.rings.slice(0, 1), events: [] };
      const a = await send(origin, "/api/v1/rollouts", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ productId: products[org][0], state, record }),
      });
      if (a.status !== 201) throw new Error(`setup record answered ${a.status}: ${a.text}`);
      const body = a.json() as Record<string, unknown>;
      records.push({ id: body.id as string, org, state, body });
    }
  }

  const versionItems: StoredItem[] = [];
  const readItems: StoredItem[] = [];
  for (const org of ["aegis", "bastion"] as const) {
    const cookie = sessions[VENDORS[org]]!;
    for (let i = 0; i < 3; i++) versionItems.push(await uploadText(origin, cookie, org, `versioned ${org} ${i} ${Date.now()}\n`));
    for (let i = 0; i < 3; i++) readItems.push(await uploadText(origin, cookie, org, `read-only ${org} ${i} ${Date.now()}\n`));
  }

  const observer = sessions["observer@ncra.example"]!;
  const reports = uuids(await page(origin, observer, "/reports"), /href="\/reports\/([0-9a-f-]{36})"/g);
  const catalogVersions = uuids(
    await page(origin, sessions["admin@ringfence.example"]!, "/admin/catalog"),
    /\/api\/catalog\/versions\/([0-9a-f-]{36})\/export/g,
  );
  const reviewer = sessions["reviewer@contoso.example"]!;
  const reviewFiles: string[] = [];
  for (const att of uuids(await page(origin, reviewer, "/review"), /href="\/review\/([0-9a-f-]{36})"/g)) {
    const score = await send(origin, `/review/${att}/score`, { headers: { cookie: reviewer } });
    for (const m of score.text.matchAll(/href="(\/api\/review\/[0-9a-f-]{36}\/evidence\/[0-9a-f-]{36}\?version=\d+)/g))
      reviewFiles.push(m[1]!.replace(/&amp;/g, "&"));
  }
  return { origin, sessions, products, records, versionItems, readItems, reports, catalogVersions, reviewFiles: [...new Set(reviewFiles)], pools };
}
