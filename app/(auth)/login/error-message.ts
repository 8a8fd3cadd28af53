import { SSO_REFUSAL_MESSAGES, SSO_REFUSALS, type SsoRefusal } from "@/lib/auth/sso-rules";

/**
 * What the login page says for `?error=`: Auth.js sends its own error types there,
 * and single sign-on refusals arrive as `sso_<reason>` (lib/auth/auth.ts).
 */
export function loginErrorMessage(error: string | undefined): string | null {
  if (!error) return null;
  const reason = error.startsWith("sso_") ? error.slice(4) : null;
  if (reason && (SSO_REFUSALS as readonly string[]).includes(reason)) return SSO_REFUSAL_MESSAGES[reason as SsoRefusal];
  if (error === "sso_unavailable")
    return "Your organisation's sign-in service could not be reached. Try again in a moment; if it keeps failing, tell your Ringfence administrator.";
  if (error === "OAuthCallbackError" || error === "AccessDenied")
    return "Sign-in through your organisation's service was cancelled or did not succeed. Try again.";
  return "Sign-in could not be completed. Try again; if it keeps failing, tell your Ringfence administrator.";
}
