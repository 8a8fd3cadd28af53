import { describe, expect, it } from "vitest";
import { checkHostHeaders, isWellFormedHost } from "@/lib/http/request-checks";

/** Found by sqlmap (docs/security/sqlmap.md): a malformed Host made every signed-in route answer 500. */
describe("Host, X-Forwarded-Host and X-Forwarded-Proto", () => {
  it("accepts names, IPv4 and bracketed IPv6 addresses with an optional port", () => {
    for (const h of ["127.0.0.1:3000", "localhost", "ringfence.example.org", "portal-1.gov.example:443", "[::1]:3000", "[2001:db8::7]"])
      expect(isWellFormedHost(h), h).toBe(true);
  });

  it("refuses what no URL can hold", () => {
    for (const h of ["", "127.0.0.1:3481'", "127.0.0.1:3481 AND 1=1", "[", "a b", "127.0.0.1:3481%", "évil", "127.0.0.1:99999", "x@y", "a/b", "-a", "a:"])
      expect(isWellFormedHost(h), h).toBe(false);
  });

  it("answers 400 for a malformed Host, first X-Forwarded-Host or X-Forwarded-Proto; a missing Host passes", () => {
    const ok = { host: "127.0.0.1:3000", forwardedHost: null, forwardedProto: null };
    expect(checkHostHeaders(ok)).toBeNull();
    expect(checkHostHeaders({ ...ok, host: null })).toBeNull();
    expect(checkHostHeaders({ ...ok, forwardedHost: "portal.example, 10.0.0.1", forwardedProto: "https, http" })).toBeNull();
    for (const bad of [{ host: "a b" }, { forwardedHost: "x'y" }, { forwardedProto: "http'" }, { forwardedProto: "a b" }])
      expect(checkHostHeaders({ ...ok, ...bad })?.status, JSON.stringify(bad)).toBe(400);
  });
});
