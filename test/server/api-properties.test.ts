/**
 * Property tests of every route handler that takes a body or query, over real HTTP against
 * the built portal under `next start`: at least 1,000 runs each (FC_RUNS), one seed for the
 * file (printed; replay with FC_SEED). No answer is a 5xx, the security headers are on every
 * answer, each status is the one the API documents for what was sent (so nothing invalid is
 * accepted), and what was accepted is read back and compared with what was sent.
 *
 * Endpoints: POST /api/v1/rollouts, POST /api/v1/rollouts/dry-run, POST /api/v1/rollouts/{id}/events,
 * GET /api/v1/rollouts?productId&limit, GET /api/v1/rollouts/{id}, POST /api/evidence/upload?…,
 * POST /api/evidence/{id}/versions?fileName, GET /api/evidence/{id}/download?version,
 * GET /api/catalog/versions/{id}/export?format, GET /api/reports/{id}/export?format,
 * GET /api/reports/export?format&framework&period&result&vendor, GET /api/review/{a}/evidence/{e}?version&inline,
 * GET /api/audit/events?<filters>&limit, GET /api/log/checkpoints?before, GET /api/log/consistency?from&to, GET /api/receipts/{kind}/{id},
 * POST /api/auth/callback/credentials, the public GETs (health, schemas, OpenAPI, CSV template, log
 * checkpoint and key, Auth.js), and malformed or overlong addresses on any route.
 * The properties run concurrently; API tokens are shared out so none waits on the rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./helpers/answers";
import { startProdServer, type ProdServer } from "./helpers/prod-server";
import { buildWorld, type World } from "./helpers/world";
import { downloadProperty, uploadProperty, versionProperty } from "./properties/evidence-api";
import { eventsProperty } from "./properties/events-api";
import { auditEventsProperty, checkpointListProperty, consistencyProperty, receiptProperty } from "./properties/log-api";
import { addressProperty, catalogExportProperty, publicProperty, reportExportProperty, reportListProperty, reviewFileProperty } from "./properties/read-api";
import { createProperty, dryRunProperty, getProperty, listProperty } from "./properties/rollout-api";
import { RUNS, SEED, type Tally } from "./properties/run";
import { signInProperty } from "./properties/sign-in";

let server: ProdServer;
let world: World;
const found: { officerCatalog: string[]; frameworks: string[]; vendors: string[]; receipts: string[] } = {
  officerCatalog: [],
  frameworks: [],
  vendors: [],
  receipts: [],
};

/** "submission/<id>" and "report/<id>" receipts the Aegis officer's pages offer (and that download now). */
async function receiptsOfAegis(origin: string, cookie: string, reports: string[]): Promise<string[]> {
  const pages = [
    ...new Set(
      [...(await send(origin, "/vendor/attestations", { headers: { cookie } })).text.matchAll(/href="(\/vendor\/attestations\/[0-9a-f-]{36})"/g)].map(
        (m) => m[1]!,
      ),
    ),
  ];
  const links = new Set<string>();
  for (const page of [...pages, ...reports.map((r) => `/reports/${r}`)]) {
    for (const m of (await send(origin, page, { headers: { cookie } })).text.matchAll(/href="\/api\/receipts\/((?:submission|report)\/[0-9a-f-]{36})"/g))
      links.add(m[1]!);
  }
  const ok: string[] = [];
  for (const link of links) if ((await send(origin, `/api/receipts/${link}`, { headers: { cookie } })).status === 200) ok.push(link);
  return ok;
}

/** Option values of one <select name=…> on a page. */
function options(html: string, name: string): string[] {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option[^>]*value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  console.log(`fast-check seed ${SEED} (API properties; replay with FC_SEED=${SEED}), ${RUNS} runs per endpoint`);
  const started = Date.now();
  // Uploads are limited per person per hour: lifted for this server (RATE_LIMITS, lib/http/rate-limit-policy.ts) so
  // 2,000 uploads reach the checks under test. API limits stay as shipped; the token pool keeps under them.
  server = await startProdServer({ RATE_LIMITS: "upload.user=100000/3600,upload.organisation=100000/3600" });
  world = await buildWorld(server.origin, Number(process.env.PROPERTY_TOKENS_PER_ORG ?? 20));
  const catalog = await send(server.origin, "/catalog", { headers: { cookie: world.sessions["officer@aegis.example"]! } });
  found.officerCatalog = [...new Set([...catalog.text.matchAll(/href="\/catalog\/([0-9a-f-]{36})"/g)].map((m) => m[1]!))];
  const dashboard = await send(server.origin, "/reports", { headers: { cookie: world.sessions["observer@ncra.example"]! } });
  found.frameworks = options(dashboard.text, "framework");
  found.vendors = options(dashboard.text, "vendor");
  found.receipts = await receiptsOfAegis(server.origin, world.sessions["officer@aegis.example"]!, world.reports);
  console.log(
    `set-up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${world.records.length} records, ${world.versionItems.length + world.readItems.length} files, ${world.reports.length} reports, ` +
      `${world.catalogVersions.length} catalog versions, ${world.reviewFiles.length} panel files, ${found.frameworks.length} frameworks and ${found.vendors.length} vendors on the dashboard, ${found.receipts.length} receipts`,
  );
}, 300_000);
afterAll(async () => {
  // The server's own complaints, if any, beside the test's.
  const complaints =
    server
      ?.output()
      .split("\n")
      .filter((l) => /error|⨯|unhandled/i.test(l)) ?? [];
  if (complaints.length) console.log(`server printed ${complaints.length} error lines; the last:\n${complaints.slice(-15).join("\n")}`);
  await server?.stop();
});

/** Enough of the runs got past the checks to the stored data, so the property is not vacuous. */
function substantial(t: Tally, accepted: number): void {
  expect(t.runs).toBeGreaterThanOrEqual(RUNS);
  expect(t.accepted, "accepted requests").toBeGreaterThanOrEqual(accepted);
}

const share = (fraction: number) => Math.floor(RUNS * fraction);

describe.concurrent("API bodies and queries over HTTP (property)", () => {
  it("POST /api/v1/rollouts", async () => substantial(await createProperty(world), share(0.1)), 600_000);
  it("POST /api/v1/rollouts/dry-run", async () => substantial(await dryRunProperty(world), share(0.1)), 600_000);
  it("POST /api/v1/rollouts/{id}/events", async () => substantial(await eventsProperty(world), share(0.1)), 600_000);
  it("GET /api/v1/rollouts", async () => substantial(await listProperty(world), share(0.2)), 600_000);
  it("GET /api/v1/rollouts/{id}", async () => substantial(await getProperty(world), share(0.2)), 600_000);
  it("POST /api/evidence/upload", async () => substantial(await uploadProperty(world), share(0.05)), 600_000);
  it("POST /api/evidence/{id}/versions", async () => substantial(await versionProperty(world), share(0.05)), 600_000);
  it("GET /api/evidence/{id}/download", async () => substantial(await downloadProperty(world), share(0.1)), 600_000);
  it("GET /api/catalog/versions/{id}/export", async () => substantial(await catalogExportProperty(world, found.officerCatalog), share(0.1)), 600_000);
  it("GET /api/reports/{id}/export", async () => substantial(await reportExportProperty(world), share(0.1)), 600_000);
  it("GET /api/reports/export", async () => substantial(await reportListProperty(world, found.frameworks, found.vendors), share(0.03)), 600_000);
  it(
    "GET /api/review/{attestation}/evidence/{item}",
    async () => substantial(await reviewFileProperty(world), world.reviewFiles.length ? share(0.05) : 0),
    600_000,
  );
  it("public GETs", async () => substantial(await publicProperty(world), share(0.7)), 600_000);
  it("GET /api/audit/events", async () => substantial(await auditEventsProperty(world), share(0.05)), 600_000);
  it("GET /api/log/checkpoints", async () => substantial(await checkpointListProperty(world), share(0.3)), 600_000);
  it("GET /api/log/consistency", async () => substantial(await consistencyProperty(world), share(0.1)), 600_000);
  it("GET /api/receipts/{kind}/{id}", async () => substantial(await receiptProperty(world, found.receipts), found.receipts.length ? share(0.1) : 0), 600_000);
  it("malformed and overlong addresses", async () => substantial(await addressProperty(world), 0), 600_000);
  // Last in the list: failed sign-ins lock the client address for a minute (sessions above are already made).
  it("POST /api/auth/callback/credentials", async () => substantial(await signInProperty(world), 0), 600_000);
});
