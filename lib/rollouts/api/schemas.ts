import { z } from "zod";
import { SEVERITIES } from "../analysis/types";
import { rolloutRecordSchema } from "../record-schema";

/**
 * The API's request and response bodies as zod schemas: the handlers parse
 * requests with them, and lib/rollouts/openapi.ts generates the OpenAPI
 * document from them, so the document cannot drift from what is served.
 */

const uuid = z.uuid();
const instant = z.iso.datetime().describe("ISO-8601 UTC time");
const severity = z.enum(SEVERITIES);

export const recordRefSchema = rolloutRecordSchema.meta({ id: "RolloutRecord" });

/**
 * A stored record in a response. Stored records are normalised (UTC times,
 * absent values as null) and so are valid input: responses refer to the same
 * RolloutRecord component as requests (its transforms have no output schema).
 */
const storedRecordSchema = z.unknown().meta({ override: { $ref: "#/components/schemas/RolloutRecord" } });

export const findingSchema = z
  .object({
    code: z.string().describe("Stable machine code, e.g. exposure_before_gate"),
    severity,
    title: z.string(),
    explanation: z.string(),
    controls: z.array(z.string()).describe("Catalog control ids the finding bears on"),
  })
  .meta({ id: "Finding" });

const analysisSchema = z
  .record(z.string(), z.unknown())
  .nullable()
  .describe(
    "The full analysis: exposure, bake times, incident times, test gaps, assumptions, findings. Null when no published framework version defines thresholds.",
  );

export const rolloutSummarySchema = z
  .object({
    id: uuid,
    productId: uuid,
    productName: z.string(),
    releaseId: z.string(),
    version: z.string(),
    channel: z.enum(["code", "content"]),
    releasedAt: instant,
    worstSeverity: severity.nullable(),
    source: z.enum(["form", "upload", "api"]),
    state: z.enum(["open", "closed"]).describe('"open" while the pipeline is still appending events; "closed" once complete'),
    href: z.string(),
  })
  .meta({ id: "RolloutSummary" });

export const rolloutListSchema = z.object({ items: z.array(rolloutSummarySchema) }).meta({ id: "RolloutList" });

export const rolloutDetailSchema = rolloutSummarySchema
  .extend({
    createdAt: instant,
    updatedAt: instant,
    appendCount: z.int().min(0).describe("Events appended since the record was opened"),
    analyserVersion: z.string().nullable().describe("Version of the analyser that produced the current analysis"),
    frameworkVersionId: uuid.nullable().describe("The framework version whose thresholds the analysis used"),
    record: storedRecordSchema,
    findings: z.array(findingSchema),
    analysis: analysisSchema,
  })
  .meta({ id: "RolloutDetail" });

export const createRolloutBodySchema = z
  .object({
    productId: uuid.describe("The product's id"),
    state: z
      .enum(["open", "closed"])
      .default("closed")
      .describe('"open" to append events as the rollout proceeds (the record needs at least its first ring); default "closed"'),
    record: recordRefSchema,
  })
  .meta({ id: "CreateRollout" });

export const dryRunBodySchema = z.object({ record: recordRefSchema }).meta({ id: "DryRun" });

export const dryRunResultSchema = z
  .object({
    stored: z.literal(false).describe("A dry run never stores anything"),
    frameworkVersionId: uuid.nullable(),
    analyserVersion: z.string(),
    worstSeverity: severity.nullable(),
    findings: z.array(findingSchema),
    analysis: analysisSchema,
  })
  .meta({ id: "DryRunResult" });

export const problemSchema = z
  .object({
    type: z.string().describe("URI naming the kind of problem; ours point at the API reference"),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("Each problem located by JSON path or header"),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export type RolloutSummaryView = z.input<typeof rolloutSummarySchema>;
export type RolloutDetailView = z.input<typeof rolloutDetailSchema>;
