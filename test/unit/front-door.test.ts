import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { installPeerAddressStamp } from "@/lib/http/peer-address";
import { SCHEME_HEADER } from "@/lib/http/scheme";

// The front door on a plain Node server, installed as at start-up (instrumentation.ts), with
// handlers that write their answers in the ways Next does: setHeader, writeHead with an object,
// writeHead with a raw array, a policy of their own.
process.env.AUTH_SECRET ??= "x".repeat(40);
let server: http.Server;
let port = 0;
const seen: Record<string, string | undefined>[] = [];

beforeAll(async () => {
  await installPeerAddressStamp();
  server = http.createServer((req, res) => {
    seen.push({ csp: req.headers["content-security-policy"] as string | undefined, scheme: req.headers[SCHEME_HEADER] as string | undefined });
    if (req.url === "/object") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<p>hi</p>");
    } else if (req.url === "/array") {
      res.writeHead(200, ["Content-Type", "text/plain", "Set-Cookie", "a=1", "Set-Cookie", "b=2"]);
      res.end("ok");
    } else if (req.url === "/sandboxed") {
      res.setHeader("content-type", "text/html");
      res.setHeader("content-security-policy", "sandbox; default-src 'none'");
      res.end("<p>file</p>");
    } else {
      res.end("plain");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Signed in, as far as the front door looks (the sign-in redirect only looks for the cookie).
const SESSION = { cookie: "authjs.session-token=some-token" };
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, { headers: { ...SESSION, ...headers }, redirect: "manual" });

describe("front door", () => {
  it("gives HTML the nonce policy it stamped on the request, and replaces a client's own policy header", async () => {
    const res = await get("/object", { "content-security-policy": "script-src 'nonce-chosen-by-client'", [SCHEME_HEADER]: "https" });
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(nonce).not.toBe("chosen-by-client");
    expect(seen.at(-1)).toEqual({ csp: res.headers.get("content-security-policy"), scheme: "http" });
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("keeps every header a raw array passes, and gives non-HTML the closed policy", async () => {
    const res = await get("/array");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("keeps a handler's own policy", async () => {
    expect((await get("/sandboxed")).headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
  });

  it("refuses before the handler runs", async () => {
    const before = seen.length;
    const res = await fetch(`http://127.0.0.1:${port}/x`, { method: "POST", headers: { origin: "https://evil.example" }, body: "x" });
    expect(res.status).toBe(403);
    expect((await get("/%E0%A4%A")).status).toBe(400);
    expect(seen.length).toBe(before);
  });

  it("sends page requests without a session cookie to sign-in, before the handler runs", async () => {
    const before = seen.length;
    const res = await fetch(`http://127.0.0.1:${port}/vendor/evidence?page=2&_rsc=abc`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/login?next=%2Fvendor%2Fevidence%3Fpage%3D2");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(seen.length).toBe(before);
    // A session cookie, API paths, build assets, public pages and requests with a body go on.
    const through = [
      await fetch(`http://127.0.0.1:${port}/object`, { headers: { cookie: "tz=UTC; __Secure-authjs.session-token=x" }, redirect: "manual" }),
      await fetch(`http://127.0.0.1:${port}/api/v1/rollouts`, { redirect: "manual" }),
      await fetch(`http://127.0.0.1:${port}/_next/static/x.js`, { redirect: "manual" }),
      await fetch(`http://127.0.0.1:${port}/login?next=%2Fvendor`, { redirect: "manual" }),
      await fetch(`http://127.0.0.1:${port}/up`, { redirect: "manual" }),
      await fetch(`http://127.0.0.1:${port}/vendor`, { method: "POST", headers: { origin: `http://127.0.0.1:${port}` }, body: "x", redirect: "manual" }),
    ];
    expect(through.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(seen.length).toBe(before + through.length);
    const home = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie: "authjs.session-token-other=x; tz=UTC" }, redirect: "manual" });
    expect(home.headers.get("location")).toBe("/login");
  });

  it("answers headers too large with 431 and the security headers", async () => {
    const raw = await new Promise<string>((resolve) => {
      let out = "";
      const s = net.connect(port, "127.0.0.1", () => s.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`));
      s.on("data", (d) => (out += d.toString()));
      s.on("close", () => resolve(out));
      s.on("error", () => resolve(out));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toContain("X-Content-Type-Options: nosniff");
  });
});
