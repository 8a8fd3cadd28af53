import { referenceModelContent } from "./fixtures/reference-model";
import { rolloutRecordJsonSchema } from "./record-schema";

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const auth = { "401": problem("Missing, unknown or revoked token"), "403": problem("The token lacks the scope"), "429": { ...problem("Over the rate limit (60 requests a minute per token)"), headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } } };

export const exampleCreateBody = { productId: "6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f", record: referenceModelContent };

/** OpenAPI 3.1 description of the rollout API; the record schema is the one the server validates with. */
export function openApiDocument(): Record<string, unknown> {
  const { $schema: _drop, ...recordSchema } = rolloutRecordJsonSchema();
  const summary = {
    type: "object",
    required: ["id", "productId", "productName", "releaseId", "version", "channel", "releasedAt", "worstSeverity", "source", "href"],
    properties: {
      id: { type: "string", format: "uuid" },
      productId: { type: "string", format: "uuid" },
      productName: { type: "string" },
      releaseId: { type: "string" },
      version: { type: "string" },
      channel: { type: "string", enum: ["code", "content"] },
      releasedAt: { type: "string", format: "date-time" },
      worstSeverity: { type: ["string", "null"], enum: ["critical", "major", "minor", "info", null] },
      source: { type: "string", enum: ["form", "upload", "api"] },
      href: { type: "string" },
    },
  };
  const finding = {
    type: "object",
    required: ["code", "severity", "title", "explanation", "controls"],
    properties: {
      code: { type: "string" },
      severity: { type: "string", enum: ["critical", "major", "minor", "info"] },
      title: { type: "string" },
      explanation: { type: "string" },
      controls: { type: "array", items: { type: "string" } },
    },
  };
  const idParam = { name: "id", in: "path", required: true, description: "The record's id", schema: { type: "string", format: "uuid" } };
  return {
    openapi: "3.1.0",
    info: {
      title: "Ringfence rollout records API",
      version: "1.0.0",
      description:
        "Send how each release was rolled out, straight from your deployment pipeline. Authenticate with an API token created by a compliance officer; " +
        "errors use RFC 9457 problem details.",
    },
    servers: [{ url: "/" }],
    security: [{ apiToken: [] }],
    paths: {
      "/api/v1/rollouts": {
        post: {
          operationId: "createRollout",
          summary: "Record a release's rollout",
          description: "Validates the record, analyses it against the current framework's thresholds and stores it. Nothing is stored when any part is invalid. Needs scope rollouts:write.",
          parameters: [{ name: "Idempotency-Key", in: "header", required: false, description: "Repeat a request safely: the same key and body return the first response without storing again; the same key with another body is refused (422).", schema: { type: "string", maxLength: 255 } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/CreateRollout" }, example: exampleCreateBody } } },
          responses: {
            "201": { description: "Stored; Location names the new record", headers: { Location: { description: "URL of the record", schema: { type: "string" } } }, content: { "application/json": { schema: { $ref: "#/components/schemas/RolloutDetail" } } } },
            "400": problem("Malformed JSON or header"),
            ...auth,
            "409": problem("This product already has a record for this release"),
            "413": problem("Body larger than 1 MiB"),
            "415": problem("Body is not JSON"),
            "422": problem("The record is invalid (every problem located by JSON path), the product is unknown, or the Idempotency-Key was used with another body"),
          },
        },
        get: {
          operationId: "listRollouts",
          summary: "List your organisation's records",
          description: "Newest release first. Needs scope rollouts:read.",
          parameters: [
            { name: "productId", in: "query", required: false, description: "Only this product's records", schema: { type: "string", format: "uuid" } },
            { name: "limit", in: "query", required: false, description: "At most this many (1–500, default 100)", schema: { type: "integer", minimum: 1, maximum: 500 } },
          ],
          responses: {
            "200": { description: "The records", content: { "application/json": { schema: { type: "object", required: ["items"], properties: { items: { type: "array", items: { $ref: "#/components/schemas/RolloutSummary" } } } } } } },
            "400": problem("Invalid query parameter"),
            ...auth,
          },
        },
      },
      "/api/v1/rollouts/{id}": {
        get: {
          operationId: "getRollout",
          summary: "Read one record with its analysis",
          description: "Needs scope rollouts:read. Records of other organisations answer 404.",
          parameters: [idParam],
          responses: { "200": { description: "The record, its findings and full analysis", content: { "application/json": { schema: { $ref: "#/components/schemas/RolloutDetail" } } } }, ...auth, "404": problem("No such record in your organisation") },
        },
      },
    },
    components: {
      securitySchemes: { apiToken: { type: "http", scheme: "bearer", description: "An organisation API token (rf_…), created at /vendor/rollouts/tokens." } },
      schemas: {
        RolloutRecord: recordSchema,
        CreateRollout: { type: "object", required: ["productId", "record"], properties: { productId: { type: "string", format: "uuid" }, record: { $ref: "#/components/schemas/RolloutRecord" } } },
        RolloutSummary: summary,
        Finding: finding,
        RolloutDetail: {
          allOf: [
            { $ref: "#/components/schemas/RolloutSummary" },
            {
              type: "object",
              properties: {
                createdAt: { type: "string", format: "date-time" },
                frameworkVersionId: { type: ["string", "null"], format: "uuid" },
                record: { $ref: "#/components/schemas/RolloutRecord" },
                findings: { type: "array", items: { $ref: "#/components/schemas/Finding" } },
                analysis: { type: ["object", "null"], description: "The full analysis: exposure, bake times, incident times, test gaps and assumptions" },
              },
            },
          ],
        },
        Problem: {
          type: "object",
          description: "RFC 9457 problem details",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: { type: "array", items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } } },
          },
        },
      },
    },
  };
}
