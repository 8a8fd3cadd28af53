import { rolloutCsvTemplate } from "@/lib/rollouts/csv";

// Public documentation: a CSV template with one row per release, ring, event and test.
export async function GET(): Promise<Response> {
  return new Response(rolloutCsvTemplate(), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="rollout-record-template.csv"' },
  });
}
