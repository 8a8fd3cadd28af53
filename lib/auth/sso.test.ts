import { beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { seal } from "@/lib/crypto/seal";

const ID = "6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f";
let oidcProviderFor: typeof import("./sso").oidcProviderFor;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= "x".repeat(40);
  ({ oidcProviderFor } = await import("./sso"));
});

describe("the Auth.js provider of a registered identity provider", () => {
  const row = (clientSecret: string) => ({
    id: ID,
    name: "Agency Login",
    issuer: "https://login.agency.example/realms/staff",
    clientId: "ringfence",
    clientSecret,
  });

  it("is an OIDC provider using the code flow with PKCE, state and nonce, and the unsealed secret", () => {
    const p = oidcProviderFor(row(seal(getConfig().authSecret, "sso-client-secret", "s3cret")));
    expect(p).toMatchObject({
      id: `sso-${ID}`,
      type: "oidc",
      name: "Agency Login",
      issuer: "https://login.agency.example/realms/staff",
      clientId: "ringfence",
      clientSecret: "s3cret",
      checks: ["pkce", "state", "nonce"],
    });
    expect(p.authorization).toEqual({ params: { scope: "openid email profile" } });
  });

  it("never opens a secret sealed for another purpose or under another key", () => {
    expect(oidcProviderFor(row(seal(getConfig().authSecret, "totp-secret", "s3cret"))).clientSecret).toBe("");
    expect(oidcProviderFor(row(seal("y".repeat(40), "sso-client-secret", "s3cret"))).clientSecret).toBe("");
  });

  it("keeps only the subject and e-mail from the profile (the portal's own user id replaces the subject)", async () => {
    const p = oidcProviderFor(row(""));
    expect(await p.profile!({ sub: "abc", email: "a@b.example", name: "A", groups: ["x"] }, {})).toEqual({ id: "abc", email: "a@b.example" });
  });
});
