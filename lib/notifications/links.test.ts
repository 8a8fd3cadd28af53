import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PORTAL_ORIGIN } from "@/lib/auth/safe-next";
import { absoluteLink, isPortalPath } from "./links";
import { emailText } from "./notify";

describe("notification links", () => {
  it("accepts paths inside the portal", () => {
    for (const p of ["/", "/review/123", "/vendor/attestations/abc?tab=answers", "/notifications#top"]) expect(isPortalPath(p)).toBe(true);
  });

  it("refuses anything that could leave the portal or is not a path", () => {
    for (const p of [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "review/1",
      "",
      " /x",
      null,
      undefined,
      42,
    ]) {
      expect(isPortalPath(p), String(p)).toBe(false);
    }
  });

  // A generous limit: property runs slow down a lot on a busy machine.
  it("never accepts a link a browser would resolve to another site", { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        for (const candidate of [s, `/${s}`, `//${s}`, `/\\${s}`]) {
          if (isPortalPath(candidate)) expect(new URL(candidate, PORTAL_ORIGIN).origin).toBe(PORTAL_ORIGIN);
        }
      }),
    );
  });

  it("builds absolute links for email from the public base URL", () => {
    expect(absoluteLink("https://ringfence.example.org", "/review/1")).toBe("https://ringfence.example.org/review/1");
    expect(absoluteLink("https://ringfence.example.org/", "/review/1")).toBe("https://ringfence.example.org/review/1");
  });

  it("writes an email text with the full link and the list's address", () => {
    const text = emailText(
      { title: "Clarification asked", body: "Control SDP-3: please attach the canary report.", link: "/review/abc" },
      "https://ringfence.example.org",
    );
    expect(text).toContain(
      "Clarification asked\n\nControl SDP-3: please attach the canary report.\n\nOpen it in Ringfence: https://ringfence.example.org/review/abc\n",
    );
    expect(text).toContain("https://ringfence.example.org/notifications");
  });
});
