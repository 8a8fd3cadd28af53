import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authProviderId, claimValues, emailDomain, emailDomainAllowed, issuerProblem, nameFromClaims, roleForNewPerson, ssoProviderIdFrom } from "./sso-rules";

const ID = "6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f";

describe("issuer URLs", () => {
  it("accepts https anywhere and http only on loopback hosts", () => {
    expect(issuerProblem("https://login.example.org/realms/staff")).toBeNull();
    expect(issuerProblem("http://127.0.0.1:3261")).toBeNull();
    expect(issuerProblem("http://localhost:8080/")).toBeNull();
    expect(issuerProblem("http://[::1]:8080")).toBeNull();
    expect(issuerProblem("http://login.example.org")).toMatch(/https/);
    expect(issuerProblem("http://127.0.0.1.evil.example")).toMatch(/https/);
    expect(issuerProblem("ftp://login.example.org")).toMatch(/https/);
    expect(issuerProblem("login.example.org")).toMatch(/full URL/);
    expect(issuerProblem("https://user:pw@login.example.org")).toMatch(/user name/);
    expect(issuerProblem("https://login.example.org/?tenant=1")).toMatch(/query/);
    expect(issuerProblem("https://login.example.org/#x")).toMatch(/fragment/);
  });
});

describe("e-mail domains", () => {
  const allowed = ["agency.example.org", "Partner.Example"];
  it("match exactly, ignoring case", () => {
    expect(emailDomainAllowed("Ann@Agency.Example.org", allowed)).toBe(true);
    expect(emailDomainAllowed("bo@partner.example", allowed)).toBe(true);
  });
  it("refuse suffixes, prefixes, subdomains and odd addresses", () => {
    for (const email of [
      "a@evilagency.example.org",
      "a@agency.example.org.evil",
      "a@sub.agency.example.org",
      "a@agency.example.org.",
      "a@b@agency.example.org",
      "@agency.example.org",
      "agency.example.org",
      "a@",
      "",
    ]) {
      expect(emailDomainAllowed(email, allowed), email).toBe(false);
    }
  });
  it("a domain is allowed only if the address's domain equals an allowed one (property)", () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 2, maxLength: 3 }), fc.array(label, { minLength: 2, maxLength: 3 }), (a, b) => {
        const [da, db] = [a.join("."), b.join(".")];
        expect(emailDomainAllowed(`x@${da}`, [db])).toBe(da === db);
        expect(emailDomain(`x@${da.toUpperCase()}`)).toBe(da);
      }),
    );
  });
});

describe("role of a person created on first sign-in", () => {
  const rules = {
    roleClaim: "groups",
    roleMap: { auditors: "gov_auditor", readers: "gov_observer", vendors: "vendor_officer" },
    defaultRole: "gov_observer" as const,
  };
  it("takes the first mapping line whose value the token carries, else the default", () => {
    expect(roleForNewPerson({ groups: ["staff", "auditors"] }, rules, "government")).toBe("gov_auditor");
    expect(roleForNewPerson({ groups: "auditors" }, rules, "government")).toBe("gov_auditor");
    expect(roleForNewPerson({ groups: ["readers", "auditors"] }, rules, "government")).toBe("gov_auditor");
    expect(roleForNewPerson({ groups: ["nobody"] }, rules, "government")).toBe("gov_observer");
    expect(roleForNewPerson({}, rules, "government")).toBe("gov_observer");
    expect(roleForNewPerson({ groups: 7 }, rules, "government")).toBe("gov_observer");
  });
  it("never gives a role that does not fit the organisation's kind", () => {
    expect(roleForNewPerson({ groups: ["vendors"] }, rules, "government")).toBeNull();
    expect(roleForNewPerson({}, { ...rules, defaultRole: "admin" }, "government")).toBeNull();
  });
  it("reads only the token's own claims (no prototype keys)", () => {
    expect(roleForNewPerson({}, { roleClaim: "constructor", roleMap: { "[object Object]": "gov_auditor" }, defaultRole: "gov_observer" }, "government")).toBe(
      "gov_observer",
    );
    expect(claimValues(["a", 1, null, "b"])).toEqual(["a", "b"]);
  });
});

describe("names and ids", () => {
  it("maps Auth.js provider ids to registered providers and back", () => {
    expect(ssoProviderIdFrom(authProviderId(ID))).toBe(ID);
    expect(ssoProviderIdFrom("credentials")).toBeNull();
    expect(ssoProviderIdFrom("sso-not-a-uuid")).toBeNull();
  });
  it("names a new person from the token, without control characters, else from the address", () => {
    expect(nameFromClaims({ name: "Ann\u0000 Lee\n" }, "ann@x.example")).toBe("Ann  Lee");
    expect(nameFromClaims({}, "ann@x.example")).toBe("ann");
    expect(nameFromClaims({ name: "x".repeat(500) }, "ann@x.example")).toHaveLength(120);
  });
});
