import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeUserAgent, UNKNOWN_DEVICE } from "./user-agent";

const CASES: Array<[string, string]> = [
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome on Windows"],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51", "Edge on Windows"],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox on Windows"],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "Safari on macOS"],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome on macOS"],
  ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "Safari on iOS"],
  [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
    "Chrome on iOS",
  ],
  ["Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15", "Firefox on iOS"],
  ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36", "Chrome on Android"],
  [
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    "Samsung Internet on Android",
  ],
  ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0", "Opera on Linux"],
  ["Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox on Linux"],
  ["Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome on ChromeOS"],
  ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36", "Chrome on Linux"],
  ["Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "Internet Explorer on Windows"],
  ["curl/8.5.0", "curl"],
  ["python-requests/2.31.0", "Python script"],
  ["node", "Node.js script"],
  ["Mozilla/5.0 (X11; Linux x86_64) Test/1.0", "A browser on Linux"],
  ["SomethingElse/1.0", UNKNOWN_DEVICE],
];

describe("describeUserAgent", () => {
  it.each(CASES)("%s → %s", (ua, expected) => {
    expect(describeUserAgent(ua)).toBe(expected);
  });

  it("names a missing or blank user agent as an unknown device", () => {
    expect(describeUserAgent(null)).toBe(UNKNOWN_DEVICE);
    expect(describeUserAgent(undefined)).toBe(UNKNOWN_DEVICE);
    expect(describeUserAgent("   ")).toBe(UNKNOWN_DEVICE);
  });

  it("only ever answers with its own words, short and without control characters (property)", () => {
    const tokens = fc.constantFrom(
      "Mozilla/5.0",
      "(Windows NT 10.0)",
      "Chrome/1",
      "Safari/2",
      "Version/3",
      "Android",
      "iPhone",
      "Linux",
      "Edg/4",
      "Firefox/5",
      "\u0000",
      "<script>",
      "curl/1",
    );
    const uaLike = fc.array(fc.oneof(tokens, fc.string({ maxLength: 20 })), { maxLength: 30 }).map((parts) => parts.join(" "));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: "binary", maxLength: 200 }), uaLike), (ua) => {
        const out = describeUserAgent(ua);
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(40);
        expect(out).toMatch(/^[A-Za-z][A-Za-z.\s]*$/);
      }),
      { numRuns: 2000 },
    );
  });
});
