"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/auth";
import { safeNext } from "@/lib/auth/safe-next";
import { isProviderEnabled } from "@/lib/auth/sso";
import { authProviderId } from "@/lib/auth/sso-rules";
import { logError } from "@/lib/server/log";
import { ssoSignInSchema } from "@/lib/validations/sso";

/**
 * Starts a sign-in through an organisation's identity provider: Auth.js redirects the
 * browser to the provider with PKCE, state and nonce. Anyone may call it; the provider
 * must exist and be enabled (read fresh), and where the person lands afterwards is
 * always a same-origin path.
 */
export async function ssoSignInAction(form: FormData): Promise<void> {
  // Called by anyone with anything: only a real form is read.
  const fields = form instanceof FormData ? { providerId: form.get("providerId"), next: form.get("next") ?? undefined } : {};
  const parsed = ssoSignInSchema.safeParse(fields);
  if (!parsed.success || !(await isProviderEnabled(await getDb(), parsed.data.providerId))) redirect("/login?error=sso_provider_disabled");
  try {
    await signIn(authProviderId(parsed.data.providerId), { redirectTo: safeNext(parsed.data.next) });
  } catch (err) {
    // Auth.js signals its redirect to the provider by throwing Next's redirect: let that through.
    if (!(err instanceof AuthError)) throw err;
    // The provider could not be reached or answered nonsense (discovery failed).
    logError("single sign-on start", err);
    redirect("/login?error=sso_unavailable");
  }
}
