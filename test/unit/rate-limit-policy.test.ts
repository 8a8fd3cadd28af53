import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS, describeLimit, parseRateLimits } from "@/lib/http/rate-limit-policy";

describe("rate limit settings", () => {
  it("defaults without RATE_LIMITS and overrides only the limits named", () => {
    expect(parseRateLimits(undefined)).toEqual({ ok: true, limits: DEFAULT_RATE_LIMITS });
    const parsed = parseRateLimits(" api.token=10/60 , upload.user=3/600");
    expect(parsed.ok && parsed.limits["api.token"]).toEqual({ max: 10, windowSeconds: 60 });
    expect(parsed.ok && parsed.limits["upload.user"]).toEqual({ max: 3, windowSeconds: 600 });
    expect(parsed.ok && parsed.limits["api.organisation"]).toEqual(DEFAULT_RATE_LIMITS["api.organisation"]);
  });

  it("names what is wrong", () => {
    expect(parseRateLimits("api.tokens=1/60")).toMatchObject({ ok: false, problems: [expect.stringContaining('"api.tokens" is not a rate limit')] });
    expect(parseRateLimits("api.token=ten/60")).toMatchObject({ ok: false, problems: [expect.stringContaining("name=max/seconds")] });
    expect(parseRateLimits("api.token=0/60")).toMatchObject({ ok: false, problems: [expect.stringContaining("at least 1")] });
  });

  it("reads as plain English", () => {
    expect(describeLimit({ max: 300, windowSeconds: 60 }, "requests")).toBe("300 requests a minute");
    expect(describeLimit({ max: 200, windowSeconds: 3600 }, "uploads")).toBe("200 uploads an hour");
    expect(describeLimit({ max: 20, windowSeconds: 900 }, "attempts")).toBe("20 attempts in 15 minutes");
  });
});
