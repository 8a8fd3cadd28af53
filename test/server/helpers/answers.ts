// One HTTP exchange with the built portal, and the checks every answer must pass:
// never a 5xx, and the security headers on every answer (error answers included).
import http from "node:http";
import { API_CSP, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";

export type Answer = { status: number; headers: Headers; setCookies: string[]; body: Buffer; text: string; json: () => unknown };

// Enough sockets for every property running at once; keep-alive like a real client. node:http
// rather than fetch: it sends the path exactly as written (no URL normalisation).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function send(
  origin: string,
  target: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<Answer> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: target, method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        const body = Buffer.concat(chunks);
        const text = body.toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers, setCookies: res.headers["set-cookie"] ?? [], body, text, json: () => JSON.parse(text) as unknown });
      });
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer in 60 s: ${init.method ?? "GET"} ${target}`)));
    req.on("error", reject);
    req.end(init.body);
  });
}

export class AnswerError extends Error {}

const fail = (what: string, a: Answer, message: string): never => {
  throw new AnswerError(`${what} → ${a.status}: ${message}\n${a.text.slice(0, 600)}`);
};

/**
 * Never a server error; the static security headers on every answer; on route handlers'
 * answers the closed policy (or the downloads' own sandbox); error answers of route
 * handlers are problem+json naming their status.
 */
export function expectSafe(a: Answer, what: string, o: { api?: boolean; download?: boolean } = { api: true }): void {
  if (a.status >= 500 || a.status < 100) fail(what, a, "server error");
  for (const { key, value } of STATIC_SECURITY_HEADERS) if (a.headers.get(key) !== value) fail(what, a, `header ${key} is ${a.headers.get(key)}`);
  const csp = a.headers.get("content-security-policy");
  if (!csp) fail(what, a, "no Content-Security-Policy");
  if (o.api && !o.download && csp !== API_CSP) fail(what, a, `API policy expected, got ${csp}`);
  if (o.download && !/sandbox|default-src 'none'/.test(csp!)) fail(what, a, `download without a sandboxing policy: ${csp}`);
  if (o.api && a.status >= 400) {
    if (!/^application\/problem\+json/.test(a.headers.get("content-type") ?? "")) fail(what, a, `error answer of type ${a.headers.get("content-type")}`);
    const p = a.json() as { status?: unknown; title?: unknown };
    if (p.status !== a.status || typeof p.title !== "string") fail(what, a, "problem body does not name the status");
  }
}

/** Fails unless the answer has the expected status (with the request shown). */
export function expectStatus(a: Answer, what: string, expected: number | number[], why = ""): void {
  const ok = Array.isArray(expected) ? expected.includes(a.status) : a.status === expected;
  if (!ok) fail(what, a, `expected ${Array.isArray(expected) ? expected.join(" or ") : expected}${why ? ` (${why})` : ""}`);
}
