import { problem } from "./problem";

/**
 * Refusals sent before the request body is read. `Connection: close` makes Node
 * shut the socket once the answer is written instead of reading (draining) the
 * rest of an unwanted body to keep the connection alive.
 */
export function closing(response: Response): Response {
  response.headers.set("connection", "close");
  return response;
}

export function refuse(status: number, title: string, detail: string, type?: string): Response {
  return closing(problem(status, title, detail, type));
}

/**
 * Cross-origin refusal for state-changing route handlers authenticated by the
 * session cookie. A browser marks every request with Sec-Fetch-Site; a foreign
 * form or `text/plain` fetch says `cross-site` or `same-site`, and its Origin
 * differs from the host it was sent to. Clients without either header (curl,
 * scripts) are not browsers carrying someone else's cookie. Same rule as Next's
 * own server-action check: Origin's host against X-Forwarded-Host or Host.
 */
export function refuseCrossOrigin(request: Request): Response | null {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site !== null && site !== "same-origin" && site !== "none") return crossOrigin();
  if (origin === null) return null;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return crossOrigin(); // includes the literal "null" of sandboxed frames and file: pages
  }
  return host && originHost === host.toLowerCase() ? null : crossOrigin();
}

function crossOrigin(): Response {
  return refuse(403, "Cross-origin request refused", "This request came from another site. Use the portal's own pages.");
}

/** The declared body length: a number, null when none was declared (chunked), NaN when malformed. */
export function declaredLength(request: Request): number | null {
  const raw = request.headers.get("content-length");
  if (raw === null) return null;
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
}
