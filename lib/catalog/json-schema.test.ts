import { describe, it, expect } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { frameworkJsonSchema } from "./json-schema";
import { smallFramework } from "./fixtures/small-framework";

describe("frameworkJsonSchema", () => {
  const schema = frameworkJsonSchema();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it("is a draft 2020-12 schema served at /api/catalog/schema.json", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe("/api/catalog/schema.json");
    expect(schema.title).toBeTruthy();
    expect(schema.description).toBeTruthy();
  });

  it("accepts the small framework", () => {
    expect(validate(structuredClone(smallFramework)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects a document with a missing rubric entry", () => {
    const doc = structuredClone(smallFramework);
    doc.domains[0]!.controls[1]!.rubric.pop();
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === "/domains/0/controls/1/rubric")).toBe(true);
  });
});
