import { rolloutRecordJsonSchema } from "@/lib/rollouts/record-schema";

// Public documentation: the JSON Schema of a rollout record.
export async function GET(): Promise<Response> {
  return new Response(JSON.stringify(rolloutRecordJsonSchema(), null, 2), {
    headers: { "content-type": "application/schema+json", "content-disposition": 'inline; filename="rollout-record.schema.json"' },
  });
}
