import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as list, POST } from "@/app/api/v1/rollouts/route";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { createApiToken } from "@/lib/rollouts/tokens";
import { openTestDb } from "./test-db";
import { apiRequest, orgAndProduct } from "./rollouts-helpers";

/**
 * Inputs the API property tests (test/server/api-properties.test.ts) found accepted against the
 * OpenAPI document, kept here as plain examples.
 */
let t: Awaited<ReturnType<typeof openTestDb>>;
let aegis: { organisationId: string; productId: string };
let token: string;
beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  aegis = await orgAndProduct(t.db, "aegis-endpoint", "Aegis Sensor");
  token = (
    await createApiToken(t.db, { userId: null, organisationId: aegis.organisationId }, { name: "regressions", scopes: ["rollouts:write", "rollouts:read"] })
  ).token;
});
afterAll(async () => t.dispose());

describe(`API input regressions (${process.env.TEST_DB_DRIVER})`, () => {
  it("the list takes limit as digits 1-500 and productId as a UUID only", async () => {
    for (const q of ["limit=0x10", "limit=%205", "limit=1e2", "limit=", "limit=5.0", "productId=", "productId=x", "productId=%27%20OR%201%3D1"]) {
      const res = await list(apiRequest(`/api/v1/rollouts?${q}`, { token }));
      expect(res.status, q).toBe(400);
      expect(res.headers.get("content-security-policy"), q).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    for (const q of ["limit=005", "limit=500", `productId=${aegis.productId.toUpperCase()}`])
      expect((await list(apiRequest(`/api/v1/rollouts?${q}`, { token }))).status, q).toBe(200);
  });

  it("a new record's state is open, closed or absent, never null", async () => {
    const body = (state: unknown) =>
      JSON.stringify({ productId: aegis.productId, state, record: { ...referenceModelContent, releaseId: `state-${String(state)}` } });
    expect((await POST(apiRequest("/api/v1/rollouts", { method: "POST", token, body: body(null) }))).status).toBe(422);
    expect((await POST(apiRequest("/api/v1/rollouts", { method: "POST", token, body: body("closed") }))).status).toBe(201);
  });
});
