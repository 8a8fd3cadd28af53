import { frameworkJsonSchema } from "@/lib/catalog/json-schema";

/** The JSON Schema of the portal's framework format: public documentation, no data. */
export function GET(): Response {
  return new Response(JSON.stringify(frameworkJsonSchema(), null, 2), {
    headers: { "content-type": "application/schema+json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
