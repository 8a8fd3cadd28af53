import { z } from "zod";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { wellFormed } from "./common";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "An email address has at most 254 characters.")
  .email("Enter a valid email address, like name@example.com.")
  .transform((e) => e.toLowerCase());

export const newPasswordSchema = wellFormed(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .refine((p) => !isCommonPassword(p), "This password is too common. Choose one that is hard to guess, such as several unrelated words.");

export const signInSchema = z.object({
  email: emailSchema,
  // No rules on sign-in beyond presence: the rules may have changed since the password was set.
  password: wellFormed(PASSWORD_MAX, `Passwords have at most ${PASSWORD_MAX} characters.`).min(1, "Enter your password."),
});
export type SignInInput = z.input<typeof signInSchema>;

export const setPasswordSchema = z
  .object({ password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." });
export type SetPasswordInput = z.input<typeof setPasswordSchema>;

export const changePasswordSchema = z
  .object({ current: wellFormed(PASSWORD_MAX).min(1, "Enter your current password."), password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
