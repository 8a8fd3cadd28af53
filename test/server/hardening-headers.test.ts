// Issue 12, hardening, over real HTTP against `next start`: a nonce policy on every HTML answer
// (the not-found page included), HSTS and Secure prefixed cookies exactly when the portal is
// served over HTTPS, 400 for malformed addresses and Origin headers, 403 for other sites' posts.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAction } from "./helpers/actions";
import { startProdServer, type ProdServer } from "./helpers/prod-server";
import { signIn } from "./helpers/session";

const STATIC = { "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" };

function expectSecurityHeaders(res: Response, where: string) {
  for (const [k, v] of Object.entries(STATIC)) expect(res.headers.get(k), `${k} on ${where}`).toBe(v);
  expect(res.headers.get("permissions-policy"), where).toContain("camera=()");
  expect(res.headers.get("content-security-policy"), where).toContain("frame-ancestors 'none'");
}

const scriptSources = (res: Response) => (res.headers.get("content-security-policy") ?? "").split(";").find((d) => d.trim().startsWith("script-src")) ?? "";

/** An HTML answer's policy has a nonce, no 'unsafe-inline' for scripts, and every script carries that nonce. */
async function expectNoncePolicy(res: Response, where: string): Promise<string> {
  expect(res.headers.get("content-type"), where).toMatch(/^text\/html/);
  const scriptSrc = scriptSources(res);
  expect(scriptSrc, where).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `nonce in the policy of ${where}`).toBeTruthy();
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, where).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, where).toContain(`nonce="${nonce}"`);
  return nonce!;
}

/** Sends bytes fetch refuses to send (bad request lines, raw header bytes); returns the raw answer. */
function rawRequest(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = net.connect(port, "127.0.0.1", () => s.end(bytes));
    s.on("data", (d: Buffer) => chunks.push(d));
    s.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    s.on("error", reject);
  });
}

describe("over plain HTTP (no trusted proxy)", () => {
  let server: ProdServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startProdServer();
    cookie = await signIn(server.origin, "officer@aegis.example");
  });
  afterAll(async () => server?.stop());
  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.origin}${p}`, { redirect: "manual", headers });

  it.each([
    ["an unknown page, signed in", "/no-such-page", true],
    ["an unknown API path", "/api/no-such", false],
    ["an unknown build asset path", "/_next/no-such", false],
    ["a path the proxy skips", "/favicon-x", false],
    ["the sign-in page", "/login", false],
    ["a portal page", "/vendor", true],
    ["the public reports", "/public/reports", false],
  ])("%s (%s) answers HTML under a nonce policy its scripts carry", async (what, p, signedIn) => {
    const res = await get(p, signedIn ? { cookie } : {});
    expectSecurityHeaders(res, p);
    expect(res.headers.get("strict-transport-security"), p).toBeNull();
    await expectNoncePolicy(res, `${what} ${p}`);
  });

  it("gives every answer a fresh nonce", async () => {
    const a = await expectNoncePolicy(await get("/login"), "/login");
    const b = await expectNoncePolicy(await get("/login"), "/login");
    expect(a).not.toBe(b);
  });

  it("a form posted before the page hydrated (a request with a body, which the proxy skips) gets a page whose scripts run", async () => {
    const res = await fetch(`${server.origin}/login`, {
      method: "POST",
      headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded" },
      body: "email=someone%40example.com&password=x",
    });
    expect(res.status).toBe(200);
    await expectNoncePolicy(res, "POST /login");
  });

  it("serves the liveness page /up without a session, with the headers and its own nonce", async () => {
    const up = await get("/up");
    expect(up.status).toBe(200);
    expect(await up.text()).toContain("Ringfence is serving pages");
    expectSecurityHeaders(up, "/up");
    expect(scriptSources(up)).not.toContain("unsafe-inline");
    // Nothing about the session: no cookie is set, whatever the request carried.
    expect(up.headers.get("set-cookie")).toBeNull();
  });

  it("redirects, route handlers and 404s of the API carry the headers", async () => {
    const redirect = await get("/vendor");
    expect(redirect.status).toBe(307);
    expectSecurityHeaders(redirect, "redirect");
    expect(scriptSources(redirect)).not.toContain("unsafe-inline");
    expectSecurityHeaders(await get("/api/health"), "/api/health");
    const missing = await get("/api/evidence/00000000-0000-4000-8000-000000000000/download", { cookie });
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing, "evidence 404");
  });

  it.each([
    "/%E0%A4%A",
    "/reports/%",
    "/api/evidence/%ZZ/download",
    "/api/v1/rollouts/%",
    "/set-password/%ZZ",
    "/public/reports/%ZZ",
    "/api/auth/%ZZ",
    "/vendor/%00",
  ])("answers the malformed address %s with 400 problem+json and the security headers, signed in or not", async (p) => {
    for (const headers of [{}, { cookie }] as Record<string, string>[]) {
      const res = await get(p, headers);
      expect(res.status, p).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expectSecurityHeaders(res, p);
      expect(((await res.json()) as { title: string }).title).toBe("Malformed address");
    }
  });

  it("answers an overlong address with 414 and a request line Node cannot parse with 400, both with the security headers", async () => {
    const long = await get(`/vendor/${"a".repeat(9000)}`, { cookie });
    expect(long.status).toBe(414);
    expectSecurityHeaders(long, "overlong");
    const raw = await rawRequest(server.port, Buffer.concat([Buffer.from("GET /\u0000\u00ff HTTP/1.1\r\nHost: x\r\n\r\n", "latin1")]));
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain("X-Frame-Options: DENY");
    expect(raw).toContain("Content-Security-Policy: default-src 'none'");
  });

  it.each(["://", "http://", "http://[::1", "http://portal.example/path", "a, b"])(
    "answers the malformed Origin %j with 400 on pages, actions and routes",
    async (origin) => {
      const page = await get("/login", { origin });
      expect(page.status).toBe(400);
      expectSecurityHeaders(page, "page");
      const action = await callAction(server.origin, "signInAction", [{ email: "a@b.example", password: "x".repeat(12) }], { origin });
      expect(action.status).toBe(400);
      const upload = await fetch(`${server.origin}/api/evidence/upload?title=x&kind=document&fileName=x.txt`, {
        method: "POST",
        headers: { cookie, origin },
        body: "x",
      });
      expect(upload.status).toBe(400);
      expect(upload.headers.get("content-type")).toBe("application/problem+json");
    },
  );

  it("answers Origin headers with bytes outside ASCII, or control bytes, with 400 and the security headers", async () => {
    for (const bad of ["\u00ff\u00fe", "ab\u0001\u00ff"]) {
      const raw = await rawRequest(
        server.port,
        Buffer.from(`POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${bad}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, "latin1"),
      );
      expect(raw).toMatch(/^HTTP\/1\.1 400 /);
      expect(raw).toMatch(/X-Content-Type-Options: nosniff/i);
    }
  });

  it("refuses other sites' posts to every state-changing route handler with 403 problem+json", async () => {
    const routes = stateChangingRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const { url, method } of routes) {
      for (const headers of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }] as Record<string, string>[]) {
        const res = await fetch(`${server.origin}${url}`, {
          method,
          redirect: "manual",
          headers: { cookie, "content-type": "text/plain", ...headers },
          body: "x",
        });
        expect(res.status, `${method} ${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect(((await res.json()) as { title: string }).title).toBe("Cross-origin request refused");
      }
      // The same request from the portal's own pages is not refused as cross-origin.
      const own = await fetch(`${server.origin}${url}`, {
        method,
        redirect: "manual",
        headers: { cookie, "content-type": "text/plain", origin: server.origin },
        body: "x",
      });
      expect(own.status, `${method} ${url} from the portal`).not.toBe(403);
    }
  });

  it("refuses another site's server action with 403 before it runs", async () => {
    const name = `cross-site ${Date.now()}`;
    const res = await callAction(server.origin, "createApiTokenAction", [{ name, scopes: ["rollouts:read"] }], { cookie, origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(await (await get("/vendor/rollouts/tokens", { cookie })).text()).not.toContain(name);
  });

  it("keeps cookies plain over HTTP, whatever X-Forwarded-Proto a client claims", async () => {
    for (const headers of [{}, { "x-forwarded-proto": "https" }] as Record<string, string>[]) {
      const csrf = await fetch(`${server.origin}/api/auth/csrf`, { headers });
      expect(csrf.headers.get("strict-transport-security")).toBeNull();
      expect(csrf.headers.getSetCookie().join("\n")).toMatch(/^authjs\.csrf-token=/m);
      const signed = await callAction(server.origin, "signInAction", [{ email: "officer@bastion.example", password: "Ringfence-demo-2026!" }], {
        origin: server.origin,
        ...headers,
      });
      expect(signed.result?.ok).toBe(true);
      const names = signed.headers.getSetCookie().map((c) => c.split("=")[0]);
      expect(names).toEqual(expect.arrayContaining(["authjs.session-token", "ringfence-device"]));
      for (const c of signed.headers.getSetCookie()) expect(c).not.toMatch(/;\s*secure/i);
    }
  });
});

/** Every POST/PUT/PATCH/DELETE exported from app/**\/route.ts, with dynamic segments filled in. */
function stateChangingRoutes(): { url: string; method: string }[] {
  const out: { url: string; method: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const src = fs.readFileSync(p, "utf8");
        const methods = new Set<string>();
        for (const m of src.matchAll(/export (?:async )?function (POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]!);
        for (const m of src.matchAll(/export const \{([^}]+)\}/g))
          for (const n of m[1]!.split(",")) if (/^(POST|PUT|PATCH|DELETE)$/.test(n.trim())) methods.add(n.trim());
        const url = path
          .dirname(p)
          .replace(/^app/, "")
          .replace(/\/\([^)]+\)/g, "")
          .replace(/\[\.\.\.[^\]]+\]/g, "callback/credentials")
          .replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000");
        for (const method of methods) out.push({ url, method });
      }
    }
  };
  walk("app");
  return out;
}

describe("over HTTPS behind one trusted proxy (TRUSTED_PROXY_HOPS=1, X-Forwarded-Proto)", () => {
  let server: ProdServer;
  const https = { "x-forwarded-proto": "https", "x-forwarded-for": "192.0.2.10" };
  beforeAll(async () => {
    server = await startProdServer({ TRUSTED_PROXY_HOPS: "1" });
  });
  afterAll(async () => server?.stop());

  it("sends Strict-Transport-Security on every answer that came over HTTPS, and never over HTTP", async () => {
    for (const p of ["/login", "/api/health", "/no-such-page", "/api/no-such", "/vendor", "/reports/%"]) {
      const viaHttps = await fetch(`${server.origin}${p}`, { redirect: "manual", headers: https });
      expect(viaHttps.headers.get("strict-transport-security"), p).toBe("max-age=63072000; includeSubDomains");
      const viaHttp = await fetch(`${server.origin}${p}`, { redirect: "manual", headers: { "x-forwarded-proto": "http" } });
      expect(viaHttp.headers.get("strict-transport-security"), p).toBeNull();
    }
  });

  it("signs in with Secure, prefixed cookies (Auth.js route and the sign-in form's action) that keep the session", async () => {
    const csrf = await fetch(`${server.origin}/api/auth/csrf`, { headers: https });
    const csrfCookie = csrf.headers.getSetCookie().find((c) => c.startsWith("__Host-authjs.csrf-token="));
    expect(csrfCookie).toMatch(/;\s*Secure/i);
    expect(csrfCookie).toMatch(/;\s*Path=\//i);

    const signed = await callAction(server.origin, "signInAction", [{ email: "officer@aegis.example", password: "Ringfence-demo-2026!" }], {
      origin: server.origin,
      ...https,
    });
    expect(signed.result?.ok).toBe(true);
    const set = signed.headers.getSetCookie();
    const session = set.find((c) => c.startsWith("__Secure-authjs.session-token="));
    const device = set.find((c) => c.startsWith("__Host-ringfence-device="));
    for (const c of [session, device]) {
      expect(c).toMatch(/;\s*Secure/i);
      expect(c).toMatch(/;\s*HttpOnly/i);
      expect(c).toMatch(/;\s*Path=\//i);
      expect(c).not.toMatch(/;\s*Domain=/i);
    }
    expect(set.some((c) => /^(authjs\.session-token|ringfence-device)=/.test(c))).toBe(false);

    const cookie = [session, device].map((c) => c!.split(";")[0]).join("; ");
    const page = await fetch(`${server.origin}/vendor`, { redirect: "manual", headers: { ...https, cookie } });
    expect(page.status).toBe(200);
    await expectNoncePolicy(page, "/vendor over HTTPS");
  });
});

describe("with an https PUBLIC_URL", () => {
  let server: ProdServer;
  beforeAll(async () => {
    server = await startProdServer({ PUBLIC_URL: "https://portal.example" });
  });
  afterAll(async () => server?.stop());

  it("treats every request as HTTPS: HSTS and Secure prefixed cookies", async () => {
    const res = await fetch(`${server.origin}/login`);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const session = (await signIn(server.origin, "officer@aegis.example")).split("; ").find((c) => c.includes("session-token"));
    expect(session).toMatch(/^__Secure-authjs\.session-token=/);
  });
});
