import { describe, expect, it } from "vitest";
import { seal, unseal } from "./seal";

const SECRET = "s".repeat(40);

describe("seal", () => {
  it("opens what it sealed, and only for the same key and purpose", () => {
    const sealed = seal(SECRET, "totp-secret", "JBSWY3DPEHPK3PXP");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(unseal(SECRET, "totp-secret", sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal(SECRET, "sso-client-secret", sealed)).toBeNull();
    expect(unseal("t".repeat(40), "totp-secret", sealed)).toBeNull();
  });

  it("gives a fresh nonce each time and refuses any altered byte", () => {
    const a = seal(SECRET, "sso-client-secret", "client-secret");
    expect(seal(SECRET, "sso-client-secret", "client-secret")).not.toBe(a);
    const [v, iv, body] = a.split(".") as [string, string, string];
    const bytes = Buffer.from(body, "base64url");
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i]! ^= 1;
      expect(unseal(SECRET, "sso-client-secret", `${v}.${iv}.${changed.toString("base64url")}`)).toBeNull();
    }
    expect(unseal(SECRET, "sso-client-secret", "v2.x.y")).toBeNull();
    expect(unseal(SECRET, "sso-client-secret", "garbage")).toBeNull();
  });
});
