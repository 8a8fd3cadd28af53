import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as list, POST as create } from "@/app/api/v1/rollouts/route";
import { GET as getOne } from "@/app/api/v1/rollouts/[id]/route";
import { POST as append } from "@/app/api/v1/rollouts/[id]/events/route";
import { POST as dryRun } from "@/app/api/v1/rollouts/dry-run/route";
import { referenceIncident } from "@/lib/rollouts/fixtures/reference-incident";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { createApiToken } from "@/lib/rollouts/tokens";
import { openTestDb } from "./test-db";
import { apiRequest, orgAndProduct } from "./rollouts-helpers";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: unknown };

const BASE = "https://ringfence.test/openapi.json";
let t: Awaited<ReturnType<typeof openTestDb>>;
let doc: Doc;
let ajv: Ajv2020;
let productId: string;
let writer: string;
let reader: string;
beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  const aegis = await orgAndProduct(t.db, "aegis-endpoint", "Aegis Sensor");
  productId = aegis.productId;
  const actor = { userId: null, organisationId: aegis.organisationId };
  writer = (await createApiToken(t.db, actor, { name: "w", scopes: ["rollouts:write", "rollouts:read"] })).token;
  reader = (await createApiToken(t.db, actor, { name: "r", scopes: ["rollouts:read"] })).token;
  doc = (await (await openapi()).json()) as Doc;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, components: doc.components });
});
afterAll(async () => t.dispose());

/** Checks a real response against the document: its status is listed for the operation, its media type too, and its body fits the schema. */
async function conforms(res: Response, path: string, method: string): Promise<unknown> {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path}`).toBeDefined();
  const declared = op!.responses[String(res.status)];
  expect(declared, `${method} ${path} ${res.status} is documented`).toBeDefined();
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!;
  const media = declared!.content?.[type];
  expect(media, `${method} ${path} ${res.status} ${type}`).toBeDefined();
  const schema = JSON.parse(JSON.stringify(media!.schema).replace(/"#\/components/g, `"${BASE}#/components`)) as object;
  const body = (await res.json()) as unknown;
  const validate = ajv.compile(schema);
  expect(validate(body), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return body;
}

const post = (handler: (r: Request) => Promise<Response>, path: string, body: unknown, token = writer, headers: Record<string, string> = {}) =>
  handler(apiRequest(path, { method: "POST", token, body: JSON.stringify(body), headers }));
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe(`real responses fit the OpenAPI document (${process.env.TEST_DB_DRIVER})`, () => {
  it("create, read, list, append, dry run and their problems", async () => {
    const created = (await conforms(
      await post(create, "/api/v1/rollouts", { productId, record: { ...referenceIncident, releaseId: "oa-incident" } }),
      "/api/v1/rollouts",
      "post",
    )) as { id: string };
    const open = (await conforms(
      await post(create, "/api/v1/rollouts", {
        productId,
        state: "open",
        record: { ...referenceModelContent, releaseId: "oa-open", rings: [{ ...referenceModelContent.rings[0]!, promotedAt: null, gate: null }] },
      }),
      "/api/v1/rollouts",
      "post",
    )) as { id: string };
    await conforms(await post(create, "/api/v1/rollouts", { productId, record: { ...referenceModelContent, rings: [] } }), "/api/v1/rollouts", "post");
    await conforms(
      await post(create, "/api/v1/rollouts", { productId, record: { ...referenceIncident, releaseId: "oa-incident" } }),
      "/api/v1/rollouts",
      "post",
    );
    await conforms(await post(create, "/api/v1/rollouts", { productId, record: referenceModelContent }, reader), "/api/v1/rollouts", "post");
    await conforms(await create(apiRequest("/api/v1/rollouts", { method: "POST", body: "{}" })), "/api/v1/rollouts", "post");

    await conforms(await getOne(apiRequest(`/api/v1/rollouts/${created.id}`, { token: reader }), params(created.id)), "/api/v1/rollouts/{id}", "get");
    await conforms(
      await getOne(apiRequest("/api/v1/rollouts/00000000-0000-4000-8000-000000000000", { token: reader }), params("00000000-0000-4000-8000-000000000000")),
      "/api/v1/rollouts/{id}",
      "get",
    );
    await conforms(await list(apiRequest("/api/v1/rollouts", { token: reader })), "/api/v1/rollouts", "get");
    await conforms(await list(apiRequest("/api/v1/rollouts?limit=0", { token: reader })), "/api/v1/rollouts", "get");

    const events = (id: string) => `/api/v1/rollouts/${id}/events`;
    const send = (id: string, body: unknown, key: string | null) =>
      append(apiRequest(events(id), { method: "POST", token: writer, body: JSON.stringify(body), headers: key ? { "idempotency-key": key } : {} }), params(id));
    const ring = { type: "ring_started", name: "Beta", sharePct: 1, startedAt: "2025-03-03T10:00:00Z" };
    await conforms(await send(open.id, ring, "oa-1"), "/api/v1/rollouts/{id}/events", "post");
    await conforms(await send(open.id, ring, "oa-1"), "/api/v1/rollouts/{id}/events", "post");
    await conforms(await send(open.id, { type: "ring_promoted", ring: "Nowhere", at: "2025-03-03T10:00:00Z" }, "oa-2"), "/api/v1/rollouts/{id}/events", "post");
    await conforms(await send(open.id, ring, null), "/api/v1/rollouts/{id}/events", "post");
    await conforms(await send(created.id, { type: "close", at: "2025-03-03T10:00:00Z" }, "oa-3"), "/api/v1/rollouts/{id}/events", "post");
    await conforms(
      await send("00000000-0000-4000-8000-000000000000", { type: "close", at: "2025-03-03T10:00:00Z" }, "oa-4"),
      "/api/v1/rollouts/{id}/events",
      "post",
    );

    await conforms(await post(dryRun, "/api/v1/rollouts/dry-run", { record: referenceIncident }), "/api/v1/rollouts/dry-run", "post");
    await conforms(await post(dryRun, "/api/v1/rollouts/dry-run", { record: { ...referenceIncident, rings: [] } }), "/api/v1/rollouts/dry-run", "post");

    // The check has teeth: a detail with a wrong state or a stray field does not fit.
    const detail = ajv.compile({ $ref: `${BASE}#/components/schemas/RolloutDetail` });
    const good = (await (await getOne(apiRequest(`/api/v1/rollouts/${open.id}`, { token: reader }), params(open.id))).json()) as Record<string, unknown>;
    expect(detail(good)).toBe(true);
    expect(detail({ ...good, state: "half-open" })).toBe(false);
    expect(detail({ ...good, secret: 1 })).toBe(false);
    const record = good.record as { rings: object[] };
    expect(detail({ ...good, record: { ...record, rings: [{ ...record.rings[0], sharePct: 140 }] } })).toBe(false);
  });
});
