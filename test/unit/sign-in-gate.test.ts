import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasSessionCookie, signInRedirect } from "@/lib/http/sign-in-gate";

describe("the sign-in redirect (front door)", () => {
  it("sends signed-out page requests to sign-in with the page to return to", () => {
    expect(signInRedirect("/", {})).toBe("/login");
    expect(signInRedirect("/admin/users", {})).toBe("/login?next=%2Fadmin%2Fusers");
    expect(signInRedirect("/reports?period=2026H1&_rsc=1x2", {})).toBe("/login?next=%2Freports%3Fperiod%3D2026H1");
    expect(signInRedirect("/review", { cookie: "tz=Europe/Paris" })).toBe("/login?next=%2Freview");
  });

  it("lets through a session cookie, public pages, route handlers, assets and requests with a body", () => {
    expect(signInRedirect("/vendor", { cookie: "authjs.session-token=abc" })).toBeNull();
    expect(signInRedirect("/vendor", { cookie: "a=1;  __Secure-authjs.session-token=abc; b=2" })).toBeNull();
    for (const p of [
      "/login",
      "/login/factor",
      "/set-password?token=x",
      "/public",
      "/public/reports/1",
      "/up",
      "/api/v1/rollouts",
      "/_next/static/a.js",
      "/favicon.ico",
    ]) {
      expect(signInRedirect(p, {}), p).toBeNull();
    }
    expect(signInRedirect("/vendor", { "content-length": "10" })).toBeNull();
    expect(signInRedirect("/vendor", { "transfer-encoding": "chunked" })).toBeNull();
  });

  it("does not take a look-alike for the session cookie", () => {
    expect(hasSessionCookie("authjs.session-token-x=1")).toBe(false);
    expect(hasSessionCookie("xauthjs.session-token=1")).toBe(false);
    expect(hasSessionCookie("tz=authjs.session-token")).toBe(false);
    expect(hasSessionCookie(["tz=UTC", "authjs.session-token=1"])).toBe(true);
    expect(hasSessionCookie(undefined)).toBe(false);
  });

  it("always answers a path on this site, whatever the target", () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        const to = signInRedirect(`/${path.replace(/^\/+/, "")}${query ? `?${query}` : ""}`, {});
        if (to === null) return;
        expect(to.startsWith("/login")).toBe(true);
        const next = new URL(to, "http://portal.invalid").searchParams.get("next");
        if (next !== null) {
          expect(next.startsWith("/")).toBe(true);
          expect(next.startsWith("//")).toBe(false);
        }
      }),
    );
  });
});
