import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterFailure, MAX_ATTEMPTS, redactSecrets, retryDelaySeconds } from "./retry";
import { smtpSecrets } from "./mailer";

describe("email retry schedule", () => {
  it("waits 30 s after the first failure, doubling, capped at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(retryDelaySeconds(1000)).toBe(3600);
  });

  it("never shortens the wait as failures add up, and never passes an hour", { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        expect(retryDelaySeconds(n + 1)).toBeGreaterThanOrEqual(retryDelaySeconds(n));
        expect(retryDelaySeconds(n)).toBeLessThanOrEqual(3600);
      }),
    );
  });

  it(`gives up after attempt ${MAX_ATTEMPTS}`, () => {
    expect(afterFailure(1)).toEqual({ status: "pending", delaySeconds: 30 });
    expect(afterFailure(MAX_ATTEMPTS - 1)).toEqual({ status: "pending", delaySeconds: 1920 });
    expect(afterFailure(MAX_ATTEMPTS)).toEqual({ status: "failed" });
  });
});

describe("error text for the outbox and the log", () => {
  it("removes the SMTP user name and password in every form they take", () => {
    const url = "smtp://mailer%40example.org:s3cr%2Ft-pw@mail.example.org:587";
    const secrets = smtpSecrets(url);
    const plain = Buffer.from("\u0000mailer@example.org\u0000s3cr/t-pw").toString("base64");
    const text = `Invalid login for mailer@example.org with s3cr/t-pw (s3cr%2Ft-pw) ${Buffer.from("s3cr/t-pw").toString("base64")} AUTH PLAIN ${plain} via ${url}`;
    const out = redactSecrets(text, secrets);
    for (const leak of ["s3cr", "mailer@example.org", "mailer%40", plain]) expect(out).not.toContain(leak);
    expect(out).toContain("Invalid login for [redacted]");
  });

  it("keeps the text on one line and short", () => {
    expect(redactSecrets("550 no\r\nsuch user\u0000", [])).toBe("550 no such user");
    expect(redactSecrets("x".repeat(5000), []).length).toBe(1000);
  });
});
