import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PERMISSIONS, can } from "@/lib/auth/permissions";
import { ROLES, ROLE_ORG_KIND, rolesForOrgKind } from "@/lib/auth/roles";
import { navFor, LANDING } from "@/lib/auth/navigation";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { newPasswordSchema, signInSchema } from "@/lib/validations/auth";
import { userSchema } from "@/lib/validations/admin";

describe("roles and permissions", () => {
  it("gives every role a permission list and a landing page it may open", () => {
    for (const r of ROLES) {
      expect(PERMISSIONS[r].length).toBeGreaterThan(0);
      expect(navFor(r).map((i) => i.href)).toContain(LANDING[r]);
    }
  });
  it("keeps editing and administration away from vendors and observers", () => {
    for (const r of ["vendor_officer", "vendor_contributor", "gov_observer"] as const) {
      expect(can(r, "admin.users")).toBe(false);
      expect(can(r, "catalog.manage")).toBe(false);
    }
    expect(can("vendor_contributor", "vendor.submit")).toBe(false);
    expect(can("gov_observer", "review.use")).toBe(false);
  });
  it("maps every role to exactly one organisation kind", () => {
    expect(rolesForOrgKind("government").sort()).toEqual(["gov_auditor", "gov_observer"]);
    expect(new Set(ROLES.map((r) => ROLE_ORG_KIND[r])).size).toBe(4);
  });
});

describe("password rules", () => {
  it("needs 12 to 256 characters and refuses common passwords", () => {
    expect(newPasswordSchema.safeParse("short-pass").success).toBe(false);
    expect(newPasswordSchema.safeParse("x".repeat(257)).success).toBe(false);
    expect(newPasswordSchema.safeParse("a".repeat(128) + "b").success).toBe(true);
    for (const p of ["password1234", "Password2024!!", "qwerty123456", "123456789012", "aaaaaaaaaaaaaa"]) expect(isCommonPassword(p)).toBe(true);
    expect(newPasswordSchema.safeParse("violet-harbour-kettle-93").success).toBe(true);
  });
  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        newPasswordSchema.safeParse(s);
        signInSchema.safeParse({ email: s, password: s });
      }),
    );
  });
});

describe("admin validation", () => {
  it("rejects a role that does not fit the organisation kind, beside the role", () => {
    const r = userSchema.safeParse({
      name: "A",
      email: "a@example.com",
      organisationId: "00000000-0000-4000-8000-000000000000",
      organisationKind: "vendor",
      role: "platform_reviewer",
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["role"]);
  });
});
