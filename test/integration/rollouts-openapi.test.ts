import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as schemaJson } from "@/app/api/v1/rollouts/schema.json/route";
import { GET as template } from "@/app/api/v1/rollouts/template.csv/route";
import { parseRolloutCsv } from "@/lib/rollouts/csv";

/** The parts of OpenAPI 3.1 this document must satisfy, written out minimally. */
const operation = { type: "object", required: ["responses"], properties: { responses: { type: "object", minProperties: 1 }, operationId: { type: "string" } } };
const openApi31 = {
  type: "object",
  required: ["openapi", "info", "paths"],
  properties: {
    openapi: { type: "string", pattern: "^3\\.1\\.\\d+$" },
    info: { type: "object", required: ["title", "version"], properties: { title: { type: "string" }, version: { type: "string" } } },
    paths: {
      type: "object",
      propertyNames: { pattern: "^/" },
      additionalProperties: {
        type: "object",
        properties: Object.fromEntries(["get", "put", "post", "delete", "patch", "head", "options"].map((m) => [m, operation])),
      },
    },
    components: { type: "object", properties: { schemas: { type: "object" }, securitySchemes: { type: "object" } } },
  },
};

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  return out;
}

function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

describe("public API documentation", () => {
  it("serves an OpenAPI 3.1 document whose $refs all resolve", async () => {
    const doc = (await (await openapi()).json()) as {
      paths: Record<string, Record<string, { responses?: object }>>;
      components: { schemas: Record<string, unknown> };
    };
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(openApi31);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    for (const ref of refs(doc)) expect(resolve(doc, ref), ref).toBeDefined();
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops).toHaveLength(5);
    for (const op of ops) expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
    // Every schema in components compiles as JSON Schema 2020-12 (OpenAPI 3.1's dialect).
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const local = new Ajv2020({ strict: false });
      addFormats(local);
      local.addSchema({ $id: "https://ringfence.test/openapi.json", components: doc.components });
      const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"https://ringfence.test/openapi.json#/components'));
      expect(() => local.compile(rewritten), name).not.toThrow();
    }
  });

  it("serves the record JSON Schema and a CSV template that parses", async () => {
    const schema = (await (await schemaJson()).json()) as { title: string };
    expect(schema.title).toBe("Ringfence rollout record");
    const csv = await (await template()).text();
    expect(parseRolloutCsv(csv).ok).toBe(true);
  });
});
