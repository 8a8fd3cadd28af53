/** An RFC 9457 problem+json response: a stable type, a short title, a human detail. */
export function problem(status: number, title: string, detail: string, type = "about:blank", extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type, title, status, detail, ...extra }), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}
