import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOrigin, checkTarget, isWellFormedOrigin, MAX_TARGET_BYTES, type OriginHeaders } from "@/lib/http/request-checks";
import { forwardedByTrustedProxy, isHttps } from "@/lib/http/scheme";

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`request-checks property tests: fast-check seed ${seed}`);

describe("checkTarget", () => {
  it.each([
    "/",
    "/reports?vendor=a&vendor=b",
    "/vendor/evidence/6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f",
    "/%E2%9C%93",
    "/a%20b",
    "*",
    "http://portal.example/login",
  ])("accepts %s", (t) => {
    expect(checkTarget(t)).toBeNull();
  });

  it.each(["/%E0%A4%A", "/reports/%", "/api/evidence/%ZZ/download", "/%C0%AF", "/reports/%00", "http://[::1/x"])("refuses %s with 400", (t) => {
    expect(checkTarget(t)?.status).toBe(400);
  });

  it("refuses a target over the limit with 414, and accepts one at the limit", () => {
    expect(checkTarget(`/${"a".repeat(MAX_TARGET_BYTES)}`)?.status).toBe(414);
    expect(checkTarget(`/${"a".repeat(MAX_TARGET_BYTES - 1)}`)).toBeNull();
  });

  it("never throws, and answers only null, 400 or 414 (1,000 runs)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.webPath(), fc.webUrl()), (t) => {
        const r = checkTarget(t);
        expect(r === null || r.status === 400 || r.status === 414).toBe(true);
      }),
      { numRuns: 1000, seed },
    );
  }, 60_000);
});

const h = (over: Partial<OriginHeaders>): OriginHeaders => ({
  method: "POST",
  origin: null,
  secFetchSite: null,
  host: "portal.example",
  forwardedHost: null,
  ...over,
});

describe("checkOrigin", () => {
  it("lets same-origin browsers and clients without browser headers through", () => {
    expect(checkOrigin(h({}))).toBeNull();
    expect(checkOrigin(h({ origin: "https://portal.example", secFetchSite: "same-origin" }))).toBeNull();
    expect(checkOrigin(h({ origin: "https://PORTAL.example:443" }))).toBeNull();
    expect(checkOrigin(h({ secFetchSite: "none" }))).toBeNull();
    expect(checkOrigin(h({ origin: "https://public.example", forwardedHost: "public.example" }))).toBeNull();
  });

  it.each<Partial<OriginHeaders>>([
    { origin: "https://evil.example" },
    { origin: "null" },
    { secFetchSite: "cross-site" },
    { secFetchSite: "same-site", origin: "https://a.portal.example" },
    { secFetchSite: "same-origin", origin: "https://evil.example" },
    { origin: "https://portal.example", host: null },
    { method: "DELETE", origin: "http://portal.example.evil.example" },
  ])("refuses %o with 403 when the request changes state", (over) => {
    expect(checkOrigin(h(over))?.status).toBe(403);
  });

  it("lets safe methods through from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(checkOrigin(h({ method, origin: "https://evil.example", secFetchSite: "cross-site" }))).toBeNull();
  });

  it.each([
    "://",
    "http://",
    "http://[::1",
    "ab\u0001\u00ff",
    "http://portal.example/path",
    "http://user@portal.example",
    "https://a, https://b",
    "ftp:/x",
    "",
    " https://portal.example",
    "http://ÿ.example",
  ])("refuses the malformed Origin %j with 400, whatever the method", (origin) => {
    expect(isWellFormedOrigin(origin)).toBe(false);
    expect(checkOrigin(h({ origin }))?.status).toBe(400);
    expect(checkOrigin(h({ origin, method: "GET" }))?.status).toBe(400);
  });

  it("never throws on any Origin, and answers only null, 400 or 403 (1,000 runs)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.webUrl(), fc.constant("null")),
        fc.constantFrom("GET", "POST", "PUT"),
        (origin, method) => {
          const r = checkOrigin(h({ origin, method }));
          expect(r === null || r.status === 400 || r.status === 403).toBe(true);
        },
      ),
      { numRuns: 1000, seed },
    );
  }, 60_000);
});

describe("isHttps", () => {
  const base = { socketEncrypted: false, forwardedProto: null, trustedProxyHops: 0, configuredUrls: ["http://localhost:3000"] };
  it("trusts the configured address and a TLS socket", () => {
    expect(isHttps(base)).toBe(false);
    expect(isHttps({ ...base, configuredUrls: ["https://ringfence.example.org"] })).toBe(true);
    expect(isHttps({ ...base, configuredUrls: ["http://localhost:3000", "https://ringfence.example.org"] })).toBe(true);
    expect(isHttps({ ...base, socketEncrypted: true })).toBe(true);
  });

  it("ignores X-Forwarded-Proto unless a proxy is trusted, then reads the entry of the outermost trusted proxy", () => {
    expect(isHttps({ ...base, forwardedProto: "https" })).toBe(false);
    expect(isHttps({ ...base, forwardedProto: "https", trustedProxyHops: 1 })).toBe(true);
    expect(isHttps({ ...base, forwardedProto: "https, http", trustedProxyHops: 1 })).toBe(false);
    expect(isHttps({ ...base, forwardedProto: "https, http", trustedProxyHops: 2 })).toBe(true);
    expect(forwardedByTrustedProxy("https", 2)).toBeNull();
  });
});
