import { problem } from "./problem";
import { checkOrigin } from "./request-checks";

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
 * Cross-origin refusal for state-changing route handlers: 403 when a browser
 * sent the request from another site, 400 when its Origin header is malformed
 * (request-checks.ts has the rules, shared with the front door, which applies
 * them to every request before Next; handlers check again themselves).
 */
export function refuseCrossOrigin(request: Request): Response | null {
  const h = request.headers;
  const refusal = checkOrigin({
    method: request.method,
    origin: h.get("origin"),
    secFetchSite: h.get("sec-fetch-site"),
    host: h.get("host"),
    forwardedHost: h.get("x-forwarded-host"),
  });
  return refusal && refuse(refusal.status, refusal.title, refusal.detail);
}

/** The declared body length: a number, null when none was declared (chunked), NaN when malformed. */
export function declaredLength(request: Request): number | null {
  const raw = request.headers.get("content-length");
  if (raw === null) return null;
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
}
