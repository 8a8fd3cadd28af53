import { API_CSP } from "./security-headers";

/**
 * RFC 9457 problem details (`application/problem+json`). `type` is a URI that
 * names the kind of problem; ours resolve to the API reference page.
 */
export interface ProblemError {
  /** Where in the request the problem is, e.g. rings[2].promotedAt or header Authorization. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemError[];
}

export const PROBLEM_TYPE_BASE = "/vendor/rollouts/api#problem-";

/**
 * Every problem answer carries the closed API policy itself: routes whose success sets its own
 * policy (file downloads) are left out of next.config.ts's API policy, and their refusals must
 * not go out with none.
 */
const PROBLEM_HEADERS = { "content-type": "application/problem+json", "cache-control": "no-store", "content-security-policy": API_CSP };

/** A problem+json response with a free-form `type` (default about:blank) and extra members. */
export function problem(status: number, title: string, detail: string, type = "about:blank", extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type, title, status, detail, ...extra }), {
    status,
    headers: PROBLEM_HEADERS,
  });
}

/** A problem+json response whose `type` points at the API reference's entry for `kind`. */
export function problemResponse(
  status: number,
  kind: string,
  title: string,
  detail: string,
  options: { errors?: ProblemError[]; headers?: Record<string, string> } = {},
): Response {
  const body: Problem = { type: `${PROBLEM_TYPE_BASE}${kind}`, title, status, detail, ...(options.errors ? { errors: options.errors } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...PROBLEM_HEADERS, ...options.headers },
  });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });
}
