import { describe, expect, it } from "vitest";
import { declaredLength, refuseCrossOrigin } from "@/lib/http/early";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3200/api/evidence/upload", { method: "POST", headers: { host: "portal.example", ...headers } });

describe("refuseCrossOrigin", () => {
  it("lets same-origin browsers and non-browser clients through", () => {
    expect(refuseCrossOrigin(post({}))).toBeNull();
    expect(refuseCrossOrigin(post({ "sec-fetch-site": "same-origin", origin: "https://portal.example" }))).toBeNull();
    expect(refuseCrossOrigin(post({ "sec-fetch-site": "none" }))).toBeNull();
    expect(refuseCrossOrigin(post({ "x-forwarded-host": "public.example", origin: "https://public.example" }))).toBeNull();
  });

  it.each<Record<string, string>>([
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site", origin: "https://evil.portal.example" },
    { origin: "https://evil.example" },
    { origin: "null" },
    { "sec-fetch-site": "same-origin", origin: "https://evil.example" },
  ])("refuses %o with 403 problem+json and closes the connection", async (headers) => {
    const res = refuseCrossOrigin(post(headers));
    expect(res?.status).toBe(403);
    expect(res?.headers.get("content-type")).toBe("application/problem+json");
    expect(res?.headers.get("connection")).toBe("close");
    expect((await res!.json()).title).toBe("Cross-origin request refused");
  });
});

describe("declaredLength", () => {
  it("reads digits only", () => {
    const r = (v?: string) => new Request("http://x/", { method: "POST", headers: v === undefined ? {} : { "content-length": v } });
    expect(declaredLength(r())).toBeNull();
    expect(declaredLength(r("42"))).toBe(42);
    expect(declaredLength(r("-1"))).toBeNaN();
    expect(declaredLength(r("1e9"))).toBeNaN();
  });
});
