import { describe, expect, it } from "vitest";
import { zodResolver } from "@hookform/resolvers/zod";
import type { ResolverOptions } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import { changePasswordSchema, signInSchema, type ChangePasswordInput, type SignInInput } from "@/lib/validations/auth";

const options = <T extends Record<string, unknown>>(names: (keyof T & string)[]): ResolverOptions<T> => ({
  names: names as never,
  fields: {},
  shouldUseNativeValidation: false,
  criteriaMode: "firstError",
});

describe("lazyZodResolver", () => {
  it("gives the same errors and values as zodResolver with the same schema, loading the schema once, on first use", async () => {
    let loads = 0;
    const lazy = lazyZodResolver<ChangePasswordInput>(async () => {
      loads++;
      return changePasswordSchema;
    });
    expect(loads).toBe(0);
    const eager = zodResolver(changePasswordSchema);
    const inputs: ChangePasswordInput[] = [
      { current: "", password: "short", confirm: "other" },
      { current: "old one", password: "password1234", confirm: "password1234" },
      { current: "old one", password: "several unrelated words", confirm: "several unrelated words" },
    ];
    for (const values of inputs) {
      const opts = options<ChangePasswordInput>(["current", "password", "confirm"]);
      const [a, b] = [await lazy(values, undefined, opts), await eager(values, undefined, opts)];
      expect(a).toEqual(b);
    }
    expect(loads).toBe(1);
    const bad = await lazy(inputs[0]!, undefined, options<ChangePasswordInput>(["current", "password", "confirm"]));
    expect(bad.errors.current?.message).toBe("Enter your current password.");
    expect(bad.errors.confirm?.message).toBe("The two passwords do not match.");
  });

  it("returns the transformed values, as the server's schema would", async () => {
    const lazy = lazyZodResolver<SignInInput>(async () => signInSchema);
    const r = await lazy({ email: " Name@Example.COM ", password: "x" }, undefined, options<SignInInput>(["email", "password"]));
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({ email: "name@example.com", password: "x" });
  });

  it("when the schema cannot be loaded, lets the form go to the server as typed, and tries again next time", async () => {
    let fail = true;
    const lazy = lazyZodResolver<SignInInput>(async () => {
      if (fail) throw new Error("network");
      return signInSchema;
    });
    const values = { email: "", password: "" };
    expect(await lazy(values, undefined, options<SignInInput>(["email", "password"]))).toEqual({ values, errors: {} });
    fail = false;
    const again = await lazy(values, undefined, options<SignInInput>(["email", "password"]));
    expect(again.errors.email?.message).toBe("Enter an email address.");
  });

  it("preload starts loading before the first check", async () => {
    let loads = 0;
    const lazy = lazyZodResolver<SignInInput>(async () => {
      loads++;
      return signInSchema;
    });
    lazy.preload();
    lazy.preload();
    expect(loads).toBe(1);
    await lazy({ email: "a@b.example", password: "p" }, undefined, options<SignInInput>(["email", "password"]));
    expect(loads).toBe(1);
  });
});
