import { z } from "zod";
import { FRAMEWORK_FORMAT, frameworkDocumentSchema } from "./schema";

export const FRAMEWORK_JSON_SCHEMA_ID = "/api/catalog/schema.json";

/**
 * JSON Schema (draft 2020-12) of the Ringfence framework document, generated
 * from `frameworkDocumentSchema` (input side). Rules JSON Schema cannot express
 * (unique domain keys and control ids, trimming) are checked on import.
 */
export function frameworkJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(frameworkDocumentSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema: $schema ?? "https://json-schema.org/draft/2020-12/schema",
    $id: FRAMEWORK_JSON_SCHEMA_ID,
    title: "Ringfence framework document",
    description:
      `A deployment-safety framework in the portal's "${FRAMEWORK_FORMAT}" format: domains of controls, ` +
      "each with a statement, guidance, applicability, weight, evidence kinds, a five-level maturity rubric " +
      "(index = level 0 to 4) and mappings to external schemes, plus the rollout-analysis thresholds and, per " +
      "implementation status, which answer fields an attestation must fill (optional: the default rules apply when absent). " +
      "Domain keys and control ids must also be unique, which this schema does not check.",
    ...rest,
  };
}
